package io.mabeam.bridge.boundary;

import io.mabeam.bridge.control.PythonObjectiveStore;
import io.mabeam.bridge.control.WorkerFailure;
import io.mabeam.bridge.entity.PythonObjectiveSpec;
import io.mabeam.foundation.events.boundary.Events;
import io.mabeam.foundation.persistence.boundary.Database;
import io.mabeam.foundation.persistence.control.Jdbc;
import io.mabeam.foundation.problems.DomainException;
import io.mabeam.foundation.security.control.CallerNames;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.EJBException;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.json.Json;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Python objectives: upload (the source is loaded by a real worker first, so a syntax error or a failing import
 * is a 400 with Python's message, and nothing is stored), replace, list, read, delete. Each change is an event in
 * stream {@code python-objective:<name>}, written in the same transaction as the row.
 */
@Stateless
public class PythonObjectives {

    /** What an upload asks for; null fields take their defaults. */
    public record Upload(
            String source,
            String entry,
            Integer timeoutSeconds,
            Integer memoryMb,
            Integer workers,
            String description) {}

    @Resource(lookup = Database.JNDI_NAME)
    DataSource dataSource;

    @Resource
    SessionContext session;

    @EJB
    Events events;

    @EJB
    PythonBridge bridge;

    final PythonObjectiveStore store = new PythonObjectiveStore();

    /**
     * Stores (or replaces) a Python objective once a worker has loaded it.
     *
     * @return the stored objective; its version is 1 for a new one
     * @throws DomainException 400 for bad settings or a source that does not load (Python's error), 409 when another save
     *     of the same name came first
     */
    public PythonObjectiveSpec save(String name, Upload upload) {
        PythonObjectiveSpec checked = checked(name, upload);
        try {
            bridge.check(checked.source(), checked.entry(), checked.memoryMb());
        } catch (WorkerFailure failure) {
            String detail = "the source does not load: " + failure.getMessage();
            if (failure.traceback() != null) {
                detail += "\n" + failure.traceback();
            }
            throw DomainException.invalid(detail);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EJBException("interrupted while checking the source", e);
        }
        return Jdbc.inConnection(dataSource, "storing Python objective " + name + " failed", connection -> {
            Optional<PythonObjectiveSpec> before = store.find(connection, name);
            Instant now = Instant.now();
            PythonObjectiveSpec spec;
            if (before.isEmpty()) {
                spec = with(checked, 1, CallerNames.of(session.getCallerPrincipal()), now, now);
                store.insert(connection, spec);
            } else {
                PythonObjectiveSpec old = before.get();
                spec = with(checked, old.version() + 1, old.createdBy(), old.createdAt(), now);
                if (!store.update(connection, spec)) {
                    throw DomainException.conflict(
                            "Python objective " + name + " was changed meanwhile; read it and try again");
                }
            }
            events.record(
                    "python-objective:" + name,
                    "PythonObjectiveSaved",
                    Json.createObjectBuilder()
                            .add("name", name)
                            .add("version", spec.version())
                            .add("sha256", spec.sha256())
                            .add("entry", spec.entry())
                            .add("timeoutSeconds", spec.timeoutSeconds())
                            .add("memoryMb", spec.memoryMb())
                            .add("workers", spec.workers())
                            .add("by", CallerNames.of(session.getCallerPrincipal()))
                            .build());
            return spec;
        });
    }

    static PythonObjectiveSpec checked(String name, Upload upload) {
        try {
            PythonObjectiveSpec.requireName(name);
        } catch (IllegalArgumentException e) {
            throw DomainException.invalid(e.getMessage());
        }
        String source = upload.source();
        if (source == null || source.isBlank()) {
            throw DomainException.invalid("source is the Python module that defines the objective");
        }
        if (source.length() > PythonObjectiveSpec.MAX_SOURCE_CHARS) {
            throw DomainException.invalid("the source is longer than " + PythonObjectiveSpec.MAX_SOURCE_CHARS
                    + " characters; put libraries on the nodes' Python path");
        }
        if (source.indexOf('\0') >= 0) {
            throw DomainException.invalid("the source contains a NUL character");
        }
        String entry = upload.entry() == null ? "objective" : upload.entry();
        if (!PythonObjectiveSpec.ENTRY.matcher(entry).matches()) {
            throw DomainException.invalid("entry is the name of a Python function, not '" + entry + "'");
        }
        int timeout = within(upload.timeoutSeconds(), 600, 1, 86_400, "timeoutSeconds");
        int memory = upload.memoryMb() == null ? 2048 : upload.memoryMb();
        if (memory != 0 && (memory < 128 || memory > 65_536)) {
            throw DomainException.invalid("memoryMb is 128 to 65536 (a worker's address space), or 0 for no limit");
        }
        int workers = within(upload.workers(), 2, 1, 32, "workers");
        String description = upload.description() == null ? "" : upload.description();
        if (description.length() > 2000) {
            throw DomainException.invalid("description is at most 2000 characters");
        }
        return new PythonObjectiveSpec(
                name, source, sha256(source), entry, timeout, memory, workers, description, 0, "", null, null);
    }

    private static int within(Integer value, int fallback, int low, int high, String field) {
        int v = value == null ? fallback : value;
        if (v < low || v > high) {
            throw DomainException.invalid(field + " is " + low + " to " + high + ", not " + v);
        }
        return v;
    }

    private static PythonObjectiveSpec with(
            PythonObjectiveSpec spec, int version, String by, Instant created, Instant updated) {
        return new PythonObjectiveSpec(
                spec.name(),
                spec.source(),
                spec.sha256(),
                spec.entry(),
                spec.timeoutSeconds(),
                spec.memoryMb(),
                spec.workers(),
                spec.description(),
                version,
                by,
                created,
                updated);
    }

    public List<PythonObjectiveSpec> list() {
        return Jdbc.inConnection(dataSource, "listing Python objectives failed", connection -> store.list(connection));
    }

    /** @throws DomainException 404 */
    public PythonObjectiveSpec get(String name) {
        return find(name).orElseThrow(() -> DomainException.notFound("there is no Python objective named " + name));
    }

    public Optional<PythonObjectiveSpec> find(String name) {
        return Jdbc.inConnection(
                dataSource, "reading Python objective " + name + " failed", connection -> store.find(connection, name));
    }

    /** @throws DomainException 404 */
    public void delete(String name) {
        Jdbc.useConnection(dataSource, "deleting Python objective " + name + " failed", connection -> {
            if (!store.delete(connection, name)) {
                throw DomainException.notFound("there is no Python objective named " + name);
            }
            events.record(
                    "python-objective:" + name,
                    "PythonObjectiveDeleted",
                    Json.createObjectBuilder()
                            .add("name", name)
                            .add("by", CallerNames.of(session.getCallerPrincipal()))
                            .build());
        });
        bridge.retire(name);
    }

    static String sha256(String source) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(source.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
