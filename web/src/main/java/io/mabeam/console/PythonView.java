package io.mabeam.console;

import io.mabeam.bridge.boundary.PythonBridge;
import io.mabeam.bridge.boundary.PythonObjectives;
import io.mabeam.bridge.entity.PoolStats;
import io.mabeam.bridge.entity.PythonObjectiveSpec;
import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;

/**
 * The console's Python page: the Python objectives (a source shown on request), upload of a new one or a new
 * version (admins: it runs on the nodes), deletion, and this node's interpreter and worker pools.
 */
@Named
@ViewScoped
public class PythonView implements Serializable {

    private static final long serialVersionUID = 1L;

    @EJB
    transient PythonObjectives objectives;

    @EJB
    transient PythonBridge bridge;

    @Inject
    transient Messages messages;

    private List<PythonObjectiveSpec> all;
    private PythonObjectiveSpec selected;
    private String newName;
    private String newSource = "import mabeam\n\ndef objective(trial):\n    x = trial.suggest_float(\"x\", -5, 5)\n"
            + "    return (x - 1) ** 2\n";
    private Integer timeoutSeconds = 600;
    private Integer memoryMb = 2048;
    private Integer workers = 2;

    public void load() {
        all = objectives.list();
        if (selected != null) {
            selected = all.stream()
                    .filter(o -> o.name().equals(selected.name()))
                    .findFirst()
                    .orElse(null);
        }
    }

    public List<PythonObjectiveSpec> getAll() {
        if (all == null) {
            load();
        }
        return all;
    }

    public List<PoolStats> getPools() {
        return bridge.pools();
    }

    public String getInterpreter() {
        return bridge.interpreter().detail();
    }

    public void select(String name) {
        try {
            selected = objectives.get(name);
        } catch (RuntimeException e) {
            messages.problem(e);
        }
    }

    /** Fills the upload form with the selected objective, for a new version. */
    public void edit(String name) {
        select(name);
        if (selected != null) {
            newName = selected.name();
            newSource = selected.source();
            timeoutSeconds = selected.timeoutSeconds();
            memoryMb = selected.memoryMb();
            workers = selected.workers();
        }
    }

    public PythonObjectiveSpec getSelected() {
        return selected;
    }

    public void save() {
        try {
            PythonObjectiveSpec saved = objectives.save(
                    newName == null ? "" : newName.strip(),
                    new PythonObjectives.Upload(newSource, null, timeoutSeconds, memoryMb, workers, null));
            messages.info("Stored " + saved.objectiveName() + ", version " + saved.version()
                    + ": use it as a run's objective");
            selected = saved;
            load();
        } catch (RuntimeException e) {
            messages.problem(e);
        }
    }

    public void delete(String name) {
        try {
            objectives.delete(name);
            messages.info("Deleted Python objective " + name);
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

    public String getNewSource() {
        return newSource;
    }

    public void setNewSource(String newSource) {
        this.newSource = newSource;
    }

    public Integer getTimeoutSeconds() {
        return timeoutSeconds;
    }

    public void setTimeoutSeconds(Integer timeoutSeconds) {
        this.timeoutSeconds = timeoutSeconds;
    }

    public Integer getMemoryMb() {
        return memoryMb;
    }

    public void setMemoryMb(Integer memoryMb) {
        this.memoryMb = memoryMb;
    }

    public Integer getWorkers() {
        return workers;
    }

    public void setWorkers(Integer workers) {
        this.workers = workers;
    }
}
