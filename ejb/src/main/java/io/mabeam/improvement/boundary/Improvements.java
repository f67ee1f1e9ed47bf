package io.mabeam.improvement.boundary;

import io.mabeam.consensus.boundary.Proposals;
import io.mabeam.consensus.entity.Proposal;
import io.mabeam.consensus.entity.ProposalStatus;
import io.mabeam.foundation.events.boundary.Events;
import io.mabeam.foundation.persistence.boundary.Database;
import io.mabeam.foundation.persistence.control.Jdbc;
import io.mabeam.foundation.problems.DomainException;
import io.mabeam.improvement.control.ImprovementJson;
import io.mabeam.improvement.control.ImprovementStore;
import io.mabeam.improvement.entity.ChangeProposal;
import io.mabeam.improvement.entity.CoderSettings;
import io.mabeam.improvement.entity.Improvement;
import io.mabeam.improvement.entity.NetworkShape;
import io.mabeam.llm.boundary.LanguageModels;
import io.mabeam.optimization.boundary.OptimizationJobs;
import io.mabeam.optimization.boundary.Studies;
import io.mabeam.optimization.boundary.Trials;
import io.mabeam.optimization.entity.StudyDefinition;
import io.mabeam.optimization.entity.StudyHistory;
import io.mabeam.optimization.entity.TrialState;
import io.mabeam.training.boundary.Trainings;
import io.mabeam.training.control.TrainingData;
import io.mabeam.training.entity.StudyTraining;
import io.mabeam.training.entity.Task;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.EJBException;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.annotation.RegistryScope;

/**
 * Changes coders propose for studies, and what becomes of them. A proposal (from the language model when one is
 * configured and answers something usable, else from the coder's rules) is stored, recorded (stream
 * {@code improvement:<id>}: {@code ChangeProposed}) and put to the reviewers as a consensus proposal. When the
 * reviewers accept it, the follow-up study {@code <study>-r<n>} is created with the new space (and the parent's
 * sampler, pruner and training setup), the parent's best trial is enqueued there first, and a run of it starts
 * ({@code ChangeAccepted}, {@code FollowUpStarted}); when they reject it, {@code ChangeRejected} records their
 * reasons. Each step is a status change made once (a conditional update), so the decision observer and the sweep
 * that catches decisions a dead node missed cannot both act.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class Improvements {

    private static final Logger LOG = Logger.getLogger(Improvements.class.getName());

    @Resource(lookup = Database.JNDI_NAME)
    DataSource dataSource;

    @EJB
    Studies studies;

    @EJB
    Trials trials;

    @EJB
    Trainings trainings;

    @EJB
    Proposals proposals;

    @EJB
    OptimizationJobs jobs;

    @EJB
    Events events;

    @Inject
    LanguageModels languageModels;

    @Inject
    @RegistryScope(scope = MetricRegistry.APPLICATION_SCOPE)
    MetricRegistry metrics;

    final ImprovementStore store = new ImprovementStore();

    public long completeTrials(String study) {
        return studies.trials(study).stream()
                .filter(t -> t.state() == TrialState.COMPLETE)
                .count();
    }

    /**
     * Proposes a change to the study in {@code settings} on behalf of {@code coder} and opens the reviewers' vote.
     *
     * @return the improvement as JSON with {@code "proposed": true}, or {@code {"proposed": false, "reason"}}
     * @throws DomainException 404 for an unknown study, 400 when no reviewer can vote or the settings do not fit the study
     */
    public JsonObject propose(String coder, CoderSettings settings) {
        String studyName = settings.study();
        StudyDefinition study = studies.study(studyName);
        StudyHistory history = studies.history(studyName);
        Map<String, Double> importance = importance(studyName);
        Optional<StudyTraining> training = trainings.find(studyName);
        Optional<NetworkShape> shape = training.map(t -> shape(studyName));
        String objective =
                settings.objective() != null ? settings.objective() : training.isPresent() ? "network" : null;
        if (objective == null) {
            throw DomainException.invalid("study " + studyName
                    + " has no training setup: give the coder the objective its follow-up studies run");
        }
        ChangeDrafts.Draft draft =
                ChangeDrafts.draft(languageModels, settings, history, importance, training.isPresent());
        ChangeProposal change = draft.change();
        String fallback = draft.fallback();
        if (change == null) {
            metrics.counter("mabeam.improvement.proposals", new Tag("outcome", "nothing"))
                    .inc();
            return ImprovementJson.nothingProposed(studyName, fallback);
        }
        JsonObject changeJson = ImprovementJson.change(change, settings, objective, fallback);
        String id = UUID.randomUUID().toString();
        ChangeProposal proposed = change;
        Improvement improvement =
                Jdbc.inConnection(dataSource, "storing a proposed change of " + studyName + " failed", connection -> {
                    Improvement stored = new Improvement(
                            id,
                            studyName,
                            store.nextSequence(connection, studyName),
                            coder,
                            proposed.source(),
                            Improvement.PROPOSED,
                            null,
                            changeJson,
                            null,
                            null,
                            proposed.rationale(),
                            Instant.now(),
                            null);
                    store.insert(connection, stored);
                    return stored;
                });
        events.record(
                Improvement.stream(id), "ChangeProposed", ImprovementJson.proposed(id, studyName, coder, changeJson));
        String proposal;
        try {
            proposal = proposals
                    .open(
                            change.title().length() > 300 ? change.title().substring(0, 297) + "…" : change.title(),
                            ImprovementJson.terms(id, change, changeJson, shape),
                            null,
                            settings.reviewers(),
                            settings.rule(),
                            settings.roundTimeout(),
                            1)
                    .proposal()
                    .id();
        } catch (DomainException e) {
            finish(improvement, Improvement.PROPOSED, Improvement.FAILED, "no vote: " + e.getMessage(), "ChangeFailed");
            throw e;
        }
        Jdbc.useConnection(dataSource, "recording the proposal of change " + id + " failed", connection -> {
            store.setProposal(connection, id, proposal);
        });
        metrics.counter("mabeam.improvement.proposals", new Tag("outcome", change.source()))
                .inc();
        return Json.createObjectBuilder(ImprovementJson.improvement(get(id)))
                .add("proposed", true)
                .build();
    }

    private Map<String, Double> importance(String study) {
        try {
            return studies.importance(study, 0);
        } catch (DomainException | EJBException e) {
            return Map.of(); // fewer than two complete trials, or a study importance cannot be computed for
        }
    }

    private NetworkShape shape(String study) {
        TrainingData data = trainings.data(study);
        return new NetworkShape(
                data.preprocessor().width(),
                data.preprocessor().outputs(),
                data.preprocessor().task() == Task.CLASSIFICATION,
                data.train().size());
    }

    /**
     * Acts on the reviewers' decision about an improvement: starts its follow-up when accepted, records the
     * rejection otherwise. Acting twice changes nothing.
     */
    public void decided(String id, String decision) {
        Improvement improvement = find(id).orElse(null);
        if (improvement == null || !improvement.status().equals(Improvement.PROPOSED)) {
            return;
        }
        if (!"accepted".equals(decision)) {
            String reasons = reasons(improvement.proposalId());
            if (finish(
                    improvement,
                    Improvement.PROPOSED,
                    Improvement.REJECTED,
                    decision + ": " + reasons,
                    "ChangeRejected")) {
                metrics.counter("mabeam.improvement.decisions", new Tag("decision", "rejected"))
                        .inc();
            }
            return;
        }
        if (!finish(
                improvement,
                Improvement.PROPOSED,
                Improvement.ACCEPTED,
                "accepted by the reviewers",
                "ChangeAccepted")) {
            return;
        }
        metrics.counter("mabeam.improvement.decisions", new Tag("decision", "accepted"))
                .inc();
        apply(improvement);
    }

    /** Creates the follow-up study (once), enqueues the carried trials, starts its run. */
    void apply(Improvement improvement) {
        String followUp = improvement.followUpName();
        JsonObject change = improvement.change();
        JsonObject plan = change.getJsonObject("followUp");
        try {
            StudyDefinition parent = studies.study(improvement.study());
            if (studies.list().stream().noneMatch(s -> s.definition().name().equals(followUp))) {
                studies.create(
                        followUp,
                        parent.directions(),
                        change.getJsonObject("space"),
                        json(parent.sampler()),
                        json(parent.pruner()),
                        parent.seed() + improvement.sequence(),
                        parent.heartbeat(),
                        parent.maxRetries(),
                        Json.createObjectBuilder()
                                .add("improvementOf", improvement.study())
                                .add("improvement", improvement.id())
                                .build());
                trainings.find(improvement.study()).ifPresent(t -> trainings.attach(followUp, t.setup()));
                for (Map<String, Object> trial : ImprovementJson.enqueued(change)) {
                    try {
                        trials.enqueue(
                                followUp,
                                trial,
                                Json.createObjectBuilder()
                                        .add("carriedFrom", improvement.study())
                                        .build());
                    } catch (DomainException e) {
                        LOG.log(Level.FINE, "a carried trial does not fit " + followUp, e);
                    }
                }
            }
            long execution = jobs.start(new OptimizationJobs.Plan(
                    followUp,
                    plan.getInt("budget"),
                    plan.getInt("parallelism"),
                    plan.getString("objective"),
                    java.time.Duration.parse(plan.getString("trialTimeout"))));
            try (Connection connection = dataSource.getConnection()) {
                store.followUp(connection, improvement.id(), followUp, execution);
            }
            finish(
                    improvement,
                    Improvement.ACCEPTED,
                    Improvement.APPLIED,
                    "follow-up study " + followUp + " runs as execution " + execution,
                    "FollowUpStarted");
        } catch (RuntimeException | SQLException e) {
            LOG.log(Level.WARNING, "starting the follow-up of improvement " + improvement.id() + " failed", e);
            finish(
                    improvement,
                    Improvement.ACCEPTED,
                    Improvement.FAILED,
                    "accepted, but the follow-up did not start: " + message(e),
                    "ChangeFailed");
        }
    }

    /**
     * Catches decisions nobody acted on (the node that saw them died): improvements still proposed whose proposal
     * is decided, and accepted ones whose follow-up never started.
     *
     * @return how many it acted on
     */
    public int reconcile() {
        int acted = 0;
        for (Improvement improvement : list(null, Improvement.PROPOSED, 200)) {
            if (improvement.proposalId() == null) {
                continue;
            }
            Optional<Proposal> proposal = proposals.find(improvement.proposalId());
            if (proposal.isPresent() && proposal.get().status() != ProposalStatus.OPEN) {
                decided(
                        improvement.id(),
                        proposal.get()
                                .status()
                                .name()
                                .toLowerCase(java.util.Locale.ROOT)
                                .replace('_', '-'));
                acted++;
            }
        }
        for (Improvement improvement : list(null, Improvement.ACCEPTED, 200)) {
            if (improvement.decidedAt() != null
                    && improvement.decidedAt().isBefore(Instant.now().minusSeconds(30))) {
                apply(improvement);
                acted++;
            }
        }
        return acted;
    }

    private boolean finish(Improvement improvement, String from, String to, String detail, String event) {
        try (Connection connection = dataSource.getConnection()) {
            if (!store.transition(connection, improvement.id(), from, to, detail, Instant.now())) {
                return false;
            }
        } catch (SQLException e) {
            throw new EJBException("updating improvement " + improvement.id() + " failed", e);
        }
        events.record(
                Improvement.stream(improvement.id()),
                event,
                Json.createObjectBuilder()
                        .add("improvement", improvement.id())
                        .add("study", improvement.study())
                        .add("status", to)
                        .add("detail", detail)
                        .build());
        return true;
    }

    private String reasons(String proposal) {
        if (proposal == null) {
            return "";
        }
        try {
            return String.join(
                    "; ",
                    proposals.get(proposal).votes().stream()
                            .map(v -> v.vote().agent() + " "
                                    + v.vote().ballot().name().toLowerCase(java.util.Locale.ROOT)
                                    + (v.vote().reason() == null
                                                    || v.vote().reason().isBlank()
                                            ? ""
                                            : ": " + v.vote().reason()))
                            .toList());
        } catch (RuntimeException e) {
            return "";
        }
    }

    private static String message(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }

    private static JsonObject json(String text) {
        return Json.createReader(new StringReader(text)).readObject();
    }

    public List<Improvement> list(String study, String status, int limit) {
        return Jdbc.inConnection(
                dataSource, "listing improvements failed", connection -> store.list(connection, study, status, limit));
    }

    public Optional<Improvement> find(String id) {
        return Jdbc.inConnection(
                dataSource, "reading improvement " + id + " failed", connection -> store.find(connection, id));
    }

    /** @throws DomainException 404 */
    public Improvement get(String id) {
        return find(id).orElseThrow(() -> DomainException.notFound("no improvement " + id));
    }

    static boolean isChange(JsonValue terms) {
        return terms instanceof JsonObject t && "search-space-change".equals(t.getString("kind", ""));
    }
}
