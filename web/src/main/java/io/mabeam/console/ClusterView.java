package io.mabeam.console;

import io.mabeam.foundation.cluster.boundary.Cluster;
import io.mabeam.foundation.cluster.entity.ClusterMember;
import io.mabeam.foundation.coordination.boundary.FencedResources;
import io.mabeam.foundation.coordination.boundary.Locks;
import io.mabeam.foundation.coordination.entity.LockLease;
import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;

/** The console's cluster page: members, lock leases (released by operators) and fenced resources. */
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

    @Inject
    transient Messages messages;

    private List<ClusterMember> members;
    private List<LockLease> leases;
    private String resource;
    private String token;

    public void refresh() {
        members = null;
        leases = null;
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
