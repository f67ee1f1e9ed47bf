package io.mabeam.foundation.tasks.boundary;

import io.mabeam.foundation.cluster.boundary.Cluster;
import io.mabeam.foundation.events.boundary.Events;
import io.mabeam.foundation.problems.DomainException;
import io.mabeam.foundation.tasks.control.Supervisor;
import io.mabeam.foundation.tasks.entity.TaskEscalation;
import io.mabeam.foundation.tasks.entity.TaskSpec;
import io.mabeam.foundation.tasks.entity.TaskState;
import io.mabeam.foundation.tasks.entity.TaskStatus;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.json.spi.JsonProvider;
import java.time.Clock;
import java.util.List;
import java.util.Random;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.annotation.RegistryScope;

/**
 * This node's supervisor of long-running work: each task on a managed thread of its own, restarted by its
 * {@link TaskSpec}. Failures and escalations are recorded in stream {@code tasks:<node>}; an escalated task
 * makes the node's health degraded until an operator starts it again.
 */
@Singleton
@Startup
@DependsOn({"Database", "Cluster"})
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class TaskSupervisor {

    private static final Logger LOG = Logger.getLogger(TaskSupervisor.class.getName());
    private static final JsonProvider JSON = JsonProvider.provider();

    @Resource
    ManagedThreadFactory threads;

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Resource
    ManagedExecutorService executor;

    @EJB
    Events events;

    @EJB
    Cluster cluster;

    @Inject
    @RegistryScope(scope = MetricRegistry.APPLICATION_SCOPE)
    MetricRegistry metrics;

    @Inject
    Event<TaskEscalation> escalations;

    private Supervisor supervisor;

    @PostConstruct
    void start() {
        supervisor = new Supervisor(threads, scheduler, Clock.systemUTC(), new Random(), new Supervisor.Listener() {
            @Override
            public void ended(TaskState state, Throwable failure) {
                if (failure != null) {
                    metrics.counter("mabeam.tasks.failures").inc();
                    record("TaskFailed", state);
                }
            }

            @Override
            public void escalated(TaskState state, Throwable lastFailure) {
                LOG.log(
                        Level.SEVERE,
                        "Task " + state.name() + " failed " + state.restartsInWindow()
                                + " times within its window and is given up",
                        lastFailure);
                record("TaskEscalated", state);
                escalations.fire(new TaskEscalation(state));
            }
        });
        metrics.gauge("mabeam.tasks.running", () -> count(TaskStatus.RUNNING));
        metrics.gauge("mabeam.tasks.escalated", () -> count(TaskStatus.ESCALATED));
    }

    @PreDestroy
    void stop() {
        supervisor.close();
    }

    /**
     * Runs {@code work} under supervision on this node.
     *
     * @throws DomainException 409 when a task of that name is supervised already
     */
    public void supervise(TaskSpec spec, Supervisor.Work work) {
        try {
            supervisor.supervise(spec, work);
        } catch (IllegalStateException e) {
            throw DomainException.conflict(e.getMessage());
        }
    }

    public boolean stop(String name) {
        return supervisor.stop(name);
    }

    /**
     * Starts a task again that was given up (or ended).
     *
     * @throws DomainException 404 for an unknown task, 409 for one that is running or about to restart
     */
    public TaskState restart(String name) {
        TaskState state = task(name);
        if (!supervisor.restart(name)) {
            throw DomainException.conflict("task " + name + " is "
                    + state.status().name().toLowerCase().replace('_', ' ')
                    + "; only a task that ended can be started by hand");
        }
        record("TaskRestartedByHand", task(name));
        return task(name);
    }

    public List<TaskState> tasks() {
        return supervisor.states();
    }

    public TaskState task(String name) {
        return supervisor.states().stream()
                .filter(s -> s.name().equals(name))
                .findFirst()
                .orElseThrow(() -> DomainException.notFound("no task " + name + " is supervised on this node"));
    }

    private long count(TaskStatus status) {
        return supervisor.states().stream().filter(s -> s.status() == status).count();
    }

    /** Events are written off the task's thread: a task failing because the database is down must not wait. */
    private void record(String type, TaskState state) {
        String payload = JSON.createObjectBuilder()
                .add("task", state.name())
                .add("status", state.status().name())
                .add("restarts", state.restarts())
                .add("restartsInWindow", state.restartsInWindow())
                .add("lastError", state.lastError() == null ? "" : state.lastError())
                .build()
                .toString();
        executor.submit(() -> {
            try {
                events.record("tasks:" + cluster.nodeName(), type, payload);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Could not record " + type + " of task " + state.name(), e);
            }
        });
    }
}
