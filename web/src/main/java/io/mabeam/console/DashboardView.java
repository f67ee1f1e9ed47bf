package io.mabeam.console;

import io.mabeam.foundation.cluster.boundary.Cluster;
import io.mabeam.foundation.cluster.entity.NodeInfo;
import io.mabeam.foundation.jobs.boundary.Jobs;
import io.mabeam.foundation.jobs.entity.JobSummary;
import io.mabeam.foundation.persistence.boundary.Database;
import io.mabeam.foundation.persistence.entity.DatabaseStatus;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.StreamSupport;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;

/** The dashboard: this node, the cluster members, the database and the health checks. */
@Named
@RequestScoped
public class DashboardView {

    public record Check(String name, boolean up, String data) {}

    @EJB
    Cluster cluster;

    @EJB
    Database database;

    @EJB
    Jobs jobs;

    @Inject
    Messages messages;

    @Inject
    @Any
    Instance<HealthCheck> healthChecks;

    private List<JobSummary> jobSummaries;

    private NodeInfo node;
    private DatabaseStatus databaseStatus;
    private List<Check> checks;

    @PostConstruct
    void load() {
        node = cluster.node();
        databaseStatus = database.status();
        checks = StreamSupport.stream(healthChecks.spliterator(), false)
                .map(HealthCheck::call)
                .map(DashboardView::check)
                .sorted(java.util.Comparator.comparing(Check::name))
                .toList();
    }

    public List<JobSummary> getJobs() {
        if (jobSummaries == null) {
            jobSummaries = jobs.all();
        }
        return jobSummaries;
    }

    public void runJob(String name) {
        var external = jakarta.faces.context.FacesContext.getCurrentInstance().getExternalContext();
        if (!external.isUserInRole("admin") && !external.isUserInRole("operator")) {
            messages.error("Starting jobs needs the role operator or admin");
            return;
        }
        try {
            long id = jobs.start(name);
            messages.info("Started " + name + " (run " + id + ")");
            jobSummaries = null;
        } catch (RuntimeException e) {
            messages.problem(e);
        }
    }

    private static Check check(HealthCheckResponse response) {
        String data = response.getData().map(Object::toString).orElse("");
        return new Check(response.getName(), response.getStatus() == HealthCheckResponse.Status.UP, data);
    }

    public NodeInfo getNode() {
        return node;
    }

    public DatabaseStatus getDatabase() {
        return databaseStatus;
    }

    public List<Check> getChecks() {
        return checks;
    }

    public boolean isHealthy() {
        return checks.stream().allMatch(Check::up);
    }

    public String getUptime() {
        Duration up = Duration.between(node.startedAt(), Instant.now());
        return String.format("%dh %02dm %02ds", up.toHours(), up.toMinutesPart(), up.toSecondsPart());
    }
}
