package io.mabeam.consensus.boundary;

import io.mabeam.agents.boundary.Agents;
import io.mabeam.consensus.control.ConsensusJson;
import io.mabeam.consensus.control.Negotiation;
import io.mabeam.consensus.control.ProposalStore;
import io.mabeam.consensus.control.Tallies;
import io.mabeam.consensus.entity.Ballot;
import io.mabeam.consensus.entity.CastVote;
import io.mabeam.consensus.entity.Proposal;
import io.mabeam.consensus.entity.ProposalDecided;
import io.mabeam.consensus.entity.ProposalStatus;
import io.mabeam.consensus.entity.Rule;
import io.mabeam.consensus.entity.Tally;
import io.mabeam.consensus.entity.Vote;
import io.mabeam.economics.boundary.Reputations;
import io.mabeam.foundation.cluster.boundary.Cluster;
import io.mabeam.foundation.events.boundary.Events;
import io.mabeam.foundation.persistence.boundary.Database;
import io.mabeam.foundation.persistence.control.Jdbc;
import io.mabeam.foundation.problems.DomainException;
import io.mabeam.foundation.problems.Ranges;
import io.mabeam.foundation.security.control.CallerNames;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.annotation.RegistryScope;

/**
 * Proposals put to agents. Each member of the electorate — agents with the {@code voter} capability — is asked
 * through its mailbox ({@link ProposalRunner}) and its answer recorded as it comes; a client may also cast an
 * agent's vote over the API. When every member has voted or the round's deadline passes, the round is decided by
 * its rule ({@link Tallies}); members without a vote count as timeouts. A rejected round whose objectors countered
 * starts the next round with refined terms ({@link Negotiation}), up to the proposal's rounds. Every proposal,
 * vote, round and decision is an event in stream {@code proposal:<id>}.
 */
@Stateless
public class Proposals {

    public static final String VOTER = "voter";
    static final int MAX_ELECTORATE = 100;
    static final Duration SHORTEST_ROUND = Duration.ofMillis(200);
    static final Duration LONGEST_ROUND = Duration.ofHours(1);

    @Resource(lookup = Database.JNDI_NAME)
    DataSource dataSource;

    @Resource
    SessionContext session;

    @EJB
    Events events;

    @EJB
    Agents agents;

    @EJB
    Reputations reputations;

    @EJB
    Cluster cluster;

    @EJB
    ProposalRunner runner;

    @Inject
    @RegistryScope(scope = MetricRegistry.APPLICATION_SCOPE)
    MetricRegistry metrics;

    @Inject
    jakarta.enterprise.event.Event<ProposalDecided> decided;

    final ProposalStore store = new ProposalStore();

    /** A proposal with its votes, all rounds. */
    public record ProposalView(Proposal proposal, List<CastVote> votes) {}

    public static String stream(String proposal) {
        return "proposal:" + proposal;
    }

    /**
     * Opens a proposal and starts asking its electorate.
     *
     * @param electorate agent ids; when null, every agent with {@code capability} (default {@code voter})
     * @throws DomainException 400 for a missing title or terms, a bad rule, timeout or rounds, an empty or too large
     *     electorate, or a member that is not a voting agent
     */
    public ProposalView open(
            String title,
            JsonObject terms,
            List<String> electorate,
            String capability,
            JsonObject rule,
            Duration roundTimeout,
            Integer rounds) {
        if (title == null || title.isBlank() || title.length() > 300) {
            throw DomainException.invalid("a proposal has a title of 1-300 characters");
        }
        if (terms == null || terms.isEmpty()) {
            throw DomainException.invalid("a proposal has terms: an object of what is proposed");
        }
        if (terms.toString().length() > 20_000) {
            throw DomainException.invalid("a proposal's terms take at most 20000 characters of JSON");
        }
        Rule parsed;
        try {
            parsed = ConsensusJson.rule(rule);
        } catch (IllegalArgumentException e) {
            throw DomainException.invalid(e.getMessage());
        }
        Duration timeout = roundTimeout == null ? Duration.ofSeconds(5) : roundTimeout;
        if (timeout.compareTo(SHORTEST_ROUND) < 0 || timeout.compareTo(LONGEST_ROUND) > 0) {
            throw DomainException.invalid("a round's timeout is PT0.2S to PT1H");
        }
        int maxRounds = rounds == null ? 1 : rounds;
        if (maxRounds < 1 || maxRounds > 10) {
            throw DomainException.invalid("a proposal has 1 to 10 rounds");
        }
        Set<String> voters = agents.list(null, null, capability == null ? VOTER : capability).stream()
                .map(view -> view.spec().id())
                .collect(Collectors.toCollection(LinkedHashSet::new));
        List<String> members;
        if (electorate == null) {
            members = List.copyOf(voters);
        } else {
            if (new LinkedHashSet<>(electorate).size() != electorate.size()) {
                throw DomainException.invalid("an electorate names each agent once");
            }
            for (String member : electorate) {
                if (!voters.contains(member)) {
                    throw DomainException.invalid("agent " + member + " is not an agent that votes (capability "
                            + (capability == null ? VOTER : capability) + ")");
                }
            }
            members = List.copyOf(electorate);
        }
        if (members.isEmpty() || members.size() > MAX_ELECTORATE) {
            throw DomainException.invalid("an electorate has 1 to " + MAX_ELECTORATE + " agents; "
                    + (electorate == null
                            ? "no agent has capability " + (capability == null ? VOTER : capability)
                            : "none named"));
        }
        if (parsed.quorum() > members.size()) {
            throw DomainException.invalid(
                    "a quorum of " + parsed.quorum() + " is more than the " + members.size() + " members");
        }
        Instant now = Instant.now();
        Proposal proposal = Proposal.opened(
                UUID.randomUUID().toString(),
                title.strip(),
                terms,
                parsed,
                members,
                timeout,
                maxRounds,
                cluster.nodeName(),
                CallerNames.of(session.getCallerPrincipal()),
                now);
        Jdbc.useConnection(dataSource, "opening a proposal failed", connection -> {
            store.insert(connection, proposal);
            events.record(
                    stream(proposal.id()),
                    "ProposalOpened",
                    Json.createObjectBuilder()
                            .add("proposal", proposal.id())
                            .add("title", proposal.title())
                            .add("terms", terms)
                            .add("rule", ConsensusJson.rule(parsed))
                            .add("electorate", Json.createArrayBuilder(members))
                            .add("roundTimeout", timeout.toString())
                            .add("rounds", maxRounds)
                            .build());
            metrics.counter("mabeam.consensus.proposals.opened").inc();
        });
        runner.drive(proposal.id());
        return new ProposalView(proposal, List.of());
    }

    /** @throws DomainException 404 */
    public ProposalView get(String id) {
        return Jdbc.inConnection(dataSource, "reading proposal " + id + " failed", connection -> {
            Proposal proposal = store.find(connection, id, false).orElseThrow(() -> unknown(id));
            return new ProposalView(proposal, store.votes(connection, id, 0));
        });
    }

    public Optional<Proposal> find(String id) {
        return Jdbc.inConnection(
                dataSource, "reading proposal " + id + " failed", connection -> store.find(connection, id, false));
    }

    /** The agents of the proposal's current round that have voted. */
    public Set<String> voted(String id, int round) {
        return Jdbc.inConnection(
                dataSource,
                "reading votes of " + id + " failed",
                connection -> store.votes(connection, id, round).stream()
                        .map(v -> v.vote().agent())
                        .collect(Collectors.toSet()));
    }

    /** @throws DomainException 400 for an unknown status */
    public List<ProposalView> list(String status, int limit) {
        ProposalStatus wanted = status == null
                ? null
                : ProposalStatus.fromWire(status)
                        .orElseThrow(
                                () -> DomainException.invalid("a proposal is open, accepted, rejected or no-quorum"));
        return Jdbc.inConnection(dataSource, "listing proposals failed", connection -> {
            List<ProposalView> views = new ArrayList<>();
            for (Proposal proposal : store.list(connection, wanted, Ranges.limit(limit, 500))) {
                views.add(new ProposalView(proposal, store.votes(connection, proposal.id(), 0)));
            }
            return views;
        });
    }

    /**
     * Casts an agent's vote in the current round through the API.
     *
     * @throws DomainException 404 unknown proposal; 400 a bad ballot or counter, or an agent outside the electorate; 409
     *     the proposal is decided, or the agent has voted in this round
     */
    public ProposalView vote(String id, String agent, String ballot, JsonObject counter, String reason) {
        Ballot cast = Ballot.castable(ballot == null ? "" : ballot)
                .orElseThrow(() -> DomainException.invalid("a ballot is yes, no or abstain"));
        if (counter != null && cast != Ballot.NO) {
            throw DomainException.invalid("only a no carries a counter-proposal");
        }
        if (reason != null && reason.length() > 500) {
            throw DomainException.invalid("a reason has at most 500 characters");
        }
        return Jdbc.inConnection(dataSource, "voting on proposal " + id + " failed", connection -> {
            Proposal proposal = store.find(connection, id, true).orElseThrow(() -> unknown(id));
            proposal.requireVoter(agent);
            Vote vote = new Vote(
                    agent,
                    cast,
                    weight(proposal.rule(), agent),
                    counter == null ? Map.of() : ConsensusJson.terms(counter),
                    reason);
            CastVote castVote = new CastVote(
                    id, proposal.round(), vote, CallerNames.of(session.getCallerPrincipal()), Instant.now());
            if (!store.insertVote(connection, castVote)) {
                metrics.counter("mabeam.consensus.refused", new Tag("why", "duplicate-vote"))
                        .inc();
                throw DomainException.conflict(
                        "agent " + agent + " has voted in round " + proposal.round() + " of proposal " + id);
            }
            recorded(castVote);
            return new ProposalView(proposal, store.votes(connection, id, 0));
        });
    }

    /**
     * Records an agent's answer to the platform's question in {@code round}; an answer that is not a valid vote
     * counts as none (a timeout at the close).
     *
     * @return whether it was recorded (not when the round is over or the agent had voted)
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public boolean answer(String id, int round, String agent, JsonValue answer) {
        if (!(answer instanceof JsonObject reply)
                || !(reply.get("ballot") instanceof JsonString ballotName)
                || Ballot.castable(ballotName.getString()).isEmpty()) {
            metrics.counter("mabeam.consensus.refused", new Tag("why", "invalid-answer"))
                    .inc();
            return false;
        }
        Ballot ballot = Ballot.castable(ballotName.getString()).orElseThrow();
        return Jdbc.inConnection(dataSource, "recording a vote on proposal " + id + " failed", connection -> {
            Proposal proposal = store.find(connection, id, true).orElse(null);
            if (proposal == null || !proposal.inRound(round)) {
                return false;
            }
            Map<String, Object> counter = ballot == Ballot.NO && reply.get("counter") instanceof JsonObject c
                    ? ConsensusJson.terms(c)
                    : Map.of();
            Vote vote = new Vote(agent, ballot, weight(proposal.rule(), agent), counter, reply.getString("reason", ""));
            CastVote cast = new CastVote(id, round, vote, "platform", Instant.now());
            if (!store.insertVote(connection, cast)) {
                return false;
            }
            recorded(cast);
            return true;
        });
    }

    private void recorded(CastVote cast) {
        events.record(
                stream(cast.proposal()),
                "VoteCast",
                Json.createObjectBuilder()
                        .add("proposal", cast.proposal())
                        .add("vote", ConsensusJson.vote(cast))
                        .build());
        metrics.counter(
                        "mabeam.consensus.votes",
                        new Tag("ballot", cast.vote().ballot().wireName()))
                .inc();
    }

    private double weight(Rule rule, String agent) {
        return rule.weighting() == Rule.Weighting.REPUTATION
                ? reputations.get(agent).score()
                : 1;
    }

    /**
     * Closes round {@code round} of an open proposal: members without a vote get a timeout, the rule decides, and
     * a rejection with counter-proposals starts the next round (driven from then on by this node) while rounds
     * remain. Closing a round that is over changes nothing.
     *
     * @return whether a next round started
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public boolean closeRound(String id, int round, String why) {
        return Jdbc.inConnection(
                dataSource, "closing round " + round + " of proposal " + id + " failed", connection -> {
                    Proposal proposal = store.find(connection, id, true).orElse(null);
                    if (proposal == null || !proposal.inRound(round)) {
                        return false;
                    }
                    Instant now = Instant.now();
                    Set<String> voted = store.votes(connection, id, round).stream()
                            .map(v -> v.vote().agent())
                            .collect(Collectors.toSet());
                    for (String member : proposal.silent(voted)) {
                        CastVote timeout = new CastVote(
                                id, round, Vote.timedOut(member, weight(proposal.rule(), member)), "platform", now);
                        store.insertVote(connection, timeout);
                        recorded(timeout);
                    }
                    List<Vote> votes = store.votes(connection, id, round).stream()
                            .map(CastVote::vote)
                            .toList();
                    Tally tally = Tallies.decide(proposal.rule(), votes);
                    JsonObject closed =
                            ConsensusJson.closed(round, proposal.terms(), tally, cluster.nodeName(), why, now);
                    var rounds = Json.createArrayBuilder(proposal.rounds())
                            .add(closed)
                            .build();
                    Optional<Map<String, Object>> refined = proposal.mayRefine(tally.decision())
                            ? Negotiation.refine(ConsensusJson.terms(proposal.terms()), votes)
                            : Optional.empty();
                    events.record(stream(id), "RoundClosed", closed);
                    Proposal next;
                    if (refined.isPresent()) {
                        JsonObject terms = ConsensusJson.terms(refined.get());
                        next = proposal.nextRound(terms, rounds, cluster.nodeName(), now);
                        events.record(stream(id), "ProposalRefined", ConsensusJson.refined(id, round + 1, terms));
                    } else {
                        next = proposal.decided(tally.decision(), rounds, now);
                        events.record(
                                stream(id),
                                "ProposalDecided",
                                ConsensusJson.decided(id, round, proposal.terms(), tally));
                        metrics.counter(
                                        "mabeam.consensus.decisions",
                                        new Tag("decision", tally.decision().wireName()))
                                .inc();
                        decided.fire(new ProposalDecided(id, tally.decision().wireName(), proposal.terms()));
                    }
                    store.update(connection, next);
                    return refined.isPresent();
                });
    }

    /** Open proposals whose round ended before {@code before}; of one node when given. */
    public List<String> overdue(Instant before, String node) {
        return Jdbc.inConnection(
                dataSource, "finding proposals to close failed", connection -> store.overdue(connection, before, node));
    }

    private static DomainException unknown(String id) {
        return DomainException.notFound("no proposal " + id);
    }
}
