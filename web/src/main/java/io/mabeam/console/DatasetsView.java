package io.mabeam.console;

import io.mabeam.datasets.boundary.Datasets;
import io.mabeam.datasets.entity.ColumnSchema;
import io.mabeam.datasets.entity.Dataset;
import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.Part;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.util.List;

/**
 * The console's Datasets page: the datasets with their size and origin, the inferred schema of the one
 * selected, upload of a CSV file (checked as the REST upload is) and deletion.
 */
@Named
@ViewScoped
public class DatasetsView implements Serializable {

    private static final long serialVersionUID = 1L;

    @EJB
    transient Datasets datasets;

    @Inject
    transient Messages messages;

    private List<Dataset> all;
    private Dataset selected;
    private String newName;
    private transient Part file;

    public void load() {
        all = datasets.list();
        if (selected != null) {
            selected = all.stream()
                    .filter(d -> d.name().equals(selected.name()))
                    .findFirst()
                    .orElse(null);
        }
    }

    public List<Dataset> getAll() {
        if (all == null) {
            load();
        }
        return all;
    }

    public void select(String name) {
        selected = datasets.get(name);
    }

    public Dataset getSelected() {
        return selected;
    }

    public List<ColumnSchema> getColumns() {
        return selected == null ? List.of() : selected.schema().columns();
    }

    public String describe(ColumnSchema column) {
        if (!column.categories().isEmpty()) {
            return String.join(", ", column.categories());
        }
        if (column.min() != null) {
            return "%.4g … %.4g, mean %.4g".formatted(column.min(), column.max(), column.mean());
        }
        return column.distinct() + " distinct values";
    }

    public void upload() {
        if (file == null || file.getSize() == 0) {
            messages.error("Choose a CSV file to upload");
            return;
        }
        try (InputStream in = file.getInputStream()) {
            Dataset stored = datasets.upload(newName == null ? "" : newName.strip(), in.readAllBytes());
            messages.info(
                    "Stored dataset " + stored.name() + ": " + stored.schema().rows() + " rows, "
                            + stored.schema().columns().size() + " columns");
            selected = stored;
            newName = null;
            load();
        } catch (IOException | RuntimeException e) {
            messages.problem(e);
        }
    }

    public void delete(String name) {
        try {
            datasets.delete(name);
            messages.info("Deleted dataset " + name);
            if (selected != null && selected.name().equals(name)) {
                selected = null;
            }
            load();
        } catch (RuntimeException e) {
            messages.problem(e);
        }
    }

    public String getNewName() {
        return newName;
    }

    public void setNewName(String newName) {
        this.newName = newName;
    }

    public Part getFile() {
        return file;
    }

    public void setFile(Part file) {
        this.file = file;
    }
}
