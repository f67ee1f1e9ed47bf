package io.mabeam.datasets.boundary;

import io.mabeam.datasets.control.CsvReader;
import io.mabeam.datasets.control.DatasetStore;
import io.mabeam.datasets.control.SchemaInference;
import io.mabeam.datasets.control.TableCache;
import io.mabeam.datasets.entity.Dataset;
import io.mabeam.datasets.entity.DatasetSchema;
import io.mabeam.datasets.entity.Table;
import io.mabeam.foundation.events.boundary.Events;
import io.mabeam.foundation.persistence.boundary.Database;
import io.mabeam.foundation.persistence.control.Jdbc;
import io.mabeam.foundation.problems.DomainException;
import io.mabeam.foundation.security.control.CallerNames;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.json.Json;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.annotation.RegistryScope;

/**
 * The platform's datasets: upload (checked and schema-inferred before anything is stored), list, read, delete.
 * Each upload and deletion is an event in stream {@code dataset:<name>}, in the same transaction as the row.
 */
@Stateless
public class Datasets {

    @Inject
    @ConfigProperty(name = "mabeam.datasets.max-bytes", defaultValue = "20971520")
    jakarta.inject.Provider<Long> maxBytes;

    @Resource(lookup = Database.JNDI_NAME)
    DataSource dataSource;

    @Resource
    SessionContext session;

    @EJB
    Events events;

    @Inject
    TableCache tables;

    @Inject
    @RegistryScope(scope = MetricRegistry.APPLICATION_SCOPE)
    MetricRegistry metrics;

    final DatasetStore store = new DatasetStore();
    Clock clock = Clock.systemUTC();

    /**
     * Stores a CSV as dataset {@code name}.
     *
     * @throws DomainException 400 for a bad name or a CSV that is refused (with the line), 409 if the name is taken
     */
    public Dataset upload(String name, byte[] csv) {
        return store(name, csv, false, CallerNames.of(session.getCallerPrincipal()));
    }

    /** Stores a bundled dataset unless one of that name exists; true if it was stored. */
    public boolean provideBundled(String name, byte[] csv) {
        if (Jdbc.inConnection(
                dataSource,
                "reading dataset " + name + " failed",
                connection -> store.find(connection, name).isPresent())) {
            return false;
        }
        store(name, csv, true, "mabeam");
        return true;
    }

    private Dataset store(String name, byte[] csv, boolean bundled, String by) {
        Dataset dataset;
        try {
            Dataset.requireName(name);
            DatasetSchema schema = SchemaInference.infer(new CsvReader(limits()).read(csv));
            dataset = new Dataset(name, sha256(csv), csv.length, schema, bundled, by, clock.instant());
        } catch (IllegalArgumentException e) {
            metrics.counter("mabeam.datasets.refused").inc();
            throw DomainException.invalid(e.getMessage());
        }
        return Jdbc.inConnection(dataSource, "storing dataset " + name + " failed", connection -> {
            if (store.find(connection, name).isPresent()) {
                throw DomainException.conflict(
                        "a dataset named '" + name + "' exists; delete it first or choose another name");
            }
            store.insert(connection, dataset, csv);
            events.record(
                    "dataset:" + name,
                    "DatasetStored",
                    Json.createObjectBuilder()
                            .add("name", name)
                            .add("sha256", dataset.sha256())
                            .add("bytes", dataset.bytes())
                            .add("rows", dataset.schema().rows())
                            .add("bundled", bundled)
                            .build());
            metrics.counter("mabeam.datasets.stored").inc();
            return dataset;
        });
    }

    private CsvReader.Limits limits() {
        CsvReader.Limits defaults = CsvReader.Limits.DEFAULT;
        return new CsvReader.Limits(maxBytes.get(), defaults.maxRows(), defaults.maxColumns(), defaults.maxCellChars());
    }

    public List<Dataset> list() {
        return Jdbc.inConnection(dataSource, "listing datasets failed", connection -> store.list(connection));
    }

    /** @throws DomainException 404 */
    public Dataset get(String name) {
        return Jdbc.inConnection(
                dataSource,
                "reading dataset " + name + " failed",
                connection -> store.find(connection, name).orElseThrow(() -> unknown(name)));
    }

    public Optional<Dataset> find(String name) {
        return Jdbc.inConnection(
                dataSource, "reading dataset " + name + " failed", connection -> store.find(connection, name));
    }

    /** The CSV as stored. @throws DomainException 404 */
    public byte[] content(String name) {
        return Jdbc.inConnection(
                dataSource,
                "reading dataset " + name + " failed",
                connection -> store.content(connection, name).orElseThrow(() -> unknown(name)));
    }

    /** The dataset parsed (cached on this node by its hash). @throws DomainException 404 */
    public Table table(Dataset dataset) {
        // what was stored passed the limits of its day; a lower limit since must not make it unreadable
        CsvReader.Limits defaults = CsvReader.Limits.DEFAULT;
        CsvReader stored = new CsvReader(new CsvReader.Limits(
                Long.MAX_VALUE, Integer.MAX_VALUE, defaults.maxColumns(), defaults.maxCellChars()));
        return tables.get(dataset.sha256(), () -> stored.read(content(dataset.name())));
    }

    /**
     * Deletes a dataset no study trains on (models keep its name and hash as lineage).
     *
     * @throws DomainException 404, 409 while a study's training uses it
     */
    public void delete(String name) {
        Jdbc.useConnection(dataSource, "deleting dataset " + name + " failed", connection -> {
            List<String> users = studiesUsing(connection, name);
            if (!users.isEmpty()) {
                throw DomainException.conflict("dataset " + name + " is what studies " + String.join(", ", users)
                        + " train on; delete them first");
            }
            if (!store.delete(connection, name)) {
                throw unknown(name);
            }
            events.record(
                    "dataset:" + name,
                    "DatasetDeleted",
                    Json.createObjectBuilder().add("name", name).build());
        });
    }

    private static List<String> studiesUsing(Connection connection, String dataset) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "select s.name from study_training t join optimization_study s on s.id = t.study_id"
                        + " where t.dataset = ? order by s.name")) {
            select.setString(1, dataset);
            try (ResultSet rows = select.executeQuery()) {
                List<String> names = new java.util.ArrayList<>();
                while (rows.next()) {
                    names.add(rows.getString(1));
                }
                return names;
            }
        }
    }

    private static DomainException unknown(String name) {
        return DomainException.notFound("no dataset " + name);
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The bundled datasets' names (resources under {@code io/mabeam/datasets/bundled/}). */
    public static final List<String> BUNDLED = List.of("iris", "penguins", "titanic", "mpg");
}
