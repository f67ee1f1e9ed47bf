package io.mabeam.console;

import io.mabeam.foundation.alerts.boundary.Alerts;
import io.mabeam.foundation.cluster.boundary.Cluster;
import io.mabeam.foundation.cluster.entity.ClusterMember;
import io.mabeam.foundation.coordination.boundary.FencedResources;
import io.mabeam.foundation.coordination.boundary.Leadership;
import io.mabeam.foundation.coordination.boundary.Locks;
import io.mabeam.foundation.coordination.entity.LockLease;
import io.mabeam.foundation.coordination.entity.RoleLeadership;
import io.mabeam.foundation.resilience.boundary.Resilience;
import io.mabeam.foundation.resilience.entity.BreakerState;
import io.mabeam.foundation.resilience.entity.OutboundResult;
import io.mabeam.foundation.tasks.boundary.TaskSupervisor;
import io.mabeam.foundation.tasks.entity.TaskState;
import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;

/**
 * The console's cluster page: quorum, leaders per role, members with their roles and capabilities, this
 * node's supervised tasks (given-up ones started again by operators), lock leases (released by operators)
 * and fenced resources.
 */
@Named
@ViewScoped
public class ClusterView implements Serializable {

    private static final long serialVersionUID = 1L;

    @EJB
    transient Cluster cluster;

    @EJB
    transient Locks locks;

    @EJB
    transient FencedResources fenced;

    @EJB
    transient Leadership leadership;

    @EJB
    transient TaskSupervisor supervisor;

    @Inject
    transient Messages messages;

    @Inject
    transient Resilience resilience;

    @Inject
    transient Alerts alerts;

    private List<ClusterMember> members;
    private List<LockLease> leases;
    private List<RoleLeadership> roles;
    private List<TaskState> tasks;
    private String resource;
    private String token;

    public void refresh() {
        members = null;
        leases = null;
        roles = null;
        tasks = null;
    }

    public List<BreakerState> getBreakers() {
        return resilience.breakers();
    }

    public void sendTestAlert() {
        try {
            OutboundResult result = alerts.sendTest();
            if (result.delivered()) {
                messages.info("Test alert delivered (" + result.status() + ")");
            } else {
                messages.problem(new IllegalStateException("Test alert not delivered: " + result.reason()));
            }
        } catch (RuntimeException e) {
            messages.problem(e);
        }
    }

    public void restartTask(String name) {
        try {
            supervisor.restart(name);
            messages.info("Started " + name + " again");
        } catch (RuntimeException e) {
            messages.problem(e);
        }
        refresh();
    }

    public List<RoleLeadership> getRoles() {
        if (roles == null) {
            roles = leadership.roles();
        }
        return roles;
    }

    public List<TaskState> getTasks() {
        if (tasks == null) {
            tasks = supervisor.tasks();
        }
        return tasks;
    }

    public boolean isQuorate() {
        return cluster.hasQuorum();
    }

    public String getQuorumText() {
        int seen = getMembers().size();
        return cluster.hasQuorum()
                ? "This node sees " + seen + " member(s); the quorum is " + cluster.quorum()
                        + ": it takes part in leadership and fenced writes."
                : "This node sees " + seen + " member(s), fewer than the quorum of " + cluster.quorum()
                        + ": it leads nothing and refuses fenced writes until it sees the others again.";
    }

    public String getCpSessions() {
        return locks.sessionSettings();
    }

    public String join(List<String> values) {
        return String.join(", ", values);
    }

    public String capabilities(ClusterMember member) {
        return new java.util.TreeMap<>(member.capabilities())
                .entrySet().stream()
                        .map(e -> e.getKey() + "=" + e.getValue())
                        .collect(java.util.stream.Collectors.joining(", "));
    }

    public void release(String leaseId) {
        try {
            messages.info(locks.release(leaseId) ? "Released" : "That lease had already ended");
        } catch (RuntimeException e) {
            messages.problem(e);
        }
        refresh();
    }

    public void lookUp() {
        try {
            token = fenced.seen(resource == null ? "" : resource.trim()).stream()
                    .mapToObj(Long::toString)
                    .findFirst()
                    .orElse("no token seen");
        } catch (RuntimeException e) {
            messages.problem(e);
        }
    }

    public List<ClusterMember> getMembers() {
        if (members == null) {
            members = cluster.members();
        }
        return members;
    }

    public List<LockLease> getLeases() {
        if (leases == null) {
            leases = locks.leases();
        }
        return leases;
    }

    public String getResource() {
        return resource;
    }

    public void setResource(String resource) {
        this.resource = resource;
    }

    public String getToken() {
        return token;
    }
}
