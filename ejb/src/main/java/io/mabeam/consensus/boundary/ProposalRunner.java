package io.mabeam.consensus.boundary;

import io.mabeam.agents.boundary.Agents;
import io.mabeam.consensus.entity.Proposal;
import io.mabeam.consensus.entity.ProposalStatus;
import io.mabeam.foundation.cluster.boundary.Cluster;
import io.mabeam.foundation.coordination.boundary.Leadership;
import io.mabeam.foundation.coordination.entity.Roles;
import io.mabeam.foundation.problems.DomainException;
import io.mabeam.foundation.tasks.boundary.TaskSupervisor;
import io.mabeam.foundation.tasks.entity.TaskSpec;
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
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs proposals' rounds: asks every member that has not voted — a {@code vote} message to its mailbox, wherever
 * it runs, delivered at least once under a message id per round (an agent asked again after a failover answers
 * once) — records the answers as they come, and closes the round when everyone has voted or its deadline passes.
 * A supervised watch closes this node's rounds that nobody drives (after a restart) and, on the leader of
 * {@code study-scheduler}, rounds still open {@link #GRACE} after their deadline wherever they were opened (their
 * node died); the node that closes a round drives the next.
 */
@Singleton
@Startup
@DependsOn({"Database", "Leadership"})
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class ProposalRunner {

    private static final Logger LOG = Logger.getLogger(ProposalRunner.class.getName());
    static final String TASK = "proposal-deadlines";
    static final Duration GRACE = Duration.ofSeconds(2);
    static final long POLL_MILLIS = 100;

    @Resource
    ManagedThreadFactory threads;

    @EJB
    Proposals proposals;

    @EJB
    Agents agents;

    @EJB
    TaskSupervisor tasks;

    @EJB
    Leadership leadership;

    @EJB
    Cluster cluster;

    private ThreadPoolExecutor pool;
    private final Set<String> driving = ConcurrentHashMap.newKeySet();
    private volatile boolean stopping;

    @PostConstruct
    void start() {
        pool = new ThreadPoolExecutor(
                0,
                256,
                30,
                TimeUnit.SECONDS,
                new SynchronousQueue<>(),
                threads,
                new ThreadPoolExecutor.CallerRunsPolicy());
        tasks.supervise(TaskSpec.permanent(TASK), () -> {
            while (!stopping) {
                sweep();
                Thread.sleep(250);
            }
        });
    }

    @PreDestroy
    void stop() {
        stopping = true;
        tasks.stop(TASK);
        pool.shutdownNow();
    }

    /** Drives a proposal's rounds from this node until it is decided (nothing if this node drives it already). */
    public void drive(String id) {
        if (stopping || !driving.add(id)) {
            return;
        }
        pool.execute(() -> {
            try {
                run(id);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "driving proposal " + id + " failed; its deadline closes the round", e);
            } finally {
                driving.remove(id);
            }
        });
    }

    private void run(String id) {
        Instant giveUp = Instant.now().plusSeconds(5);
        Optional<Proposal> found = proposals.find(id);
        while (found.isEmpty() && Instant.now().isBefore(giveUp) && !stopping) {
            sleep(); // the opening transaction has not committed yet
            found = proposals.find(id);
        }
        while (found.isPresent() && found.get().status() == ProposalStatus.OPEN && !stopping) {
            Proposal proposal = found.get();
            int round = proposal.round();
            Set<String> voted = proposals.voted(id, round);
            JsonObject question = Json.createObjectBuilder()
                    .add("type", "vote")
                    .add("proposal", id)
                    .add("round", round)
                    .add("title", proposal.title())
                    .add("terms", proposal.terms())
                    .build();
            for (String member : proposal.electorate()) {
                if (!voted.contains(member)) {
                    pool.execute(() -> ask(proposal, round, member, question));
                }
            }
            while (!stopping
                    && Instant.now().isBefore(proposal.roundClosesAt())
                    && proposals.voted(id, round).size() < proposal.electorate().size()) {
                sleep();
            }
            boolean everyone =
                    proposals.voted(id, round).size() >= proposal.electorate().size();
            proposals.closeRound(id, round, everyone ? "all-voted" : "deadline");
            found = proposals.find(id);
            if (found.isPresent() && found.get().round() == round) {
                return; // decided (or someone else closed it)
            }
        }
    }

    /**
     * Asks one member, again while the round lasts if its node could not deliver the question (the agent is
     * starting, moving or restarting) or the answer did not come back with the acknowledgement. A member that
     * cannot be reached by the deadline is a timeout at the close.
     */
    private void ask(Proposal proposal, int round, String member, JsonObject question) {
        String messageId = "vote-" + proposal.id() + "-" + round;
        RuntimeException last = null;
        while (!stopping) {
            Duration left = Duration.between(Instant.now(), proposal.roundClosesAt());
            if (left.toMillis() <= 0) {
                break;
            }
            try {
                Agents.Sent sent = agents.send(member, question, true, left, true, messageId);
                if (sent.reply().isPresent()) {
                    proposals.answer(
                            proposal.id(), round, member, unwrap(sent.reply().get()));
                    return;
                }
            } catch (DomainException e) {
                last = e;
                if (e.reason() != DomainException.Reason.UNAVAILABLE) {
                    break; // not a voter, or no answer within the round: nothing to retry
                }
            } catch (RuntimeException e) {
                last = e;
            }
            sleep(); // then ask again, under the same message id: handled once, its answer kept
        }
        LOG.log(Level.INFO, "no vote of {0} on proposal {1} round {2}: {3}", new Object[] {
            member, proposal.id(), round, last == null ? "no answer" : last.getMessage()
        });
    }

    /** A duplicate delivery answers {"status": "duplicate", "reply": first answer}. */
    private static jakarta.json.JsonValue unwrap(jakarta.json.JsonValue reply) {
        if (reply instanceof JsonObject object
                && "duplicate".equals(object.getString("status", null))
                && object.containsKey("reply")) {
            return object.get("reply");
        }
        return reply;
    }

    void sweep() {
        Instant now = Instant.now();
        try {
            for (String id : proposals.overdue(now, cluster.nodeName())) {
                if (!driving.contains(id)) {
                    closeAndContinue(id, "deadline");
                }
            }
            if (leadership.isLeading(Roles.SCHEDULER)) {
                for (String id : proposals.overdue(now.minus(GRACE), null)) {
                    if (!driving.contains(id)) {
                        closeAndContinue(id, "deadline-taken-over");
                    }
                }
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "closing overdue proposals failed; trying again", e);
        }
    }

    private void closeAndContinue(String id, String why) {
        Optional<Proposal> proposal = proposals.find(id);
        if (proposal.isPresent() && proposals.closeRound(id, proposal.get().round(), why)) {
            drive(id);
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(POLL_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
