package io.mabeam.economics.boundary;

import io.mabeam.economics.control.ReputationScore;
import io.mabeam.economics.entity.Reputation;
import io.mabeam.foundation.persistence.boundary.Database;
import io.mabeam.foundation.problems.DomainException;
import jakarta.annotation.Resource;
import jakarta.ejb.EJBException;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.annotation.RegistryScope;

/**
 * Agents' reputations, computed from the outcomes the platform records about them (table {@code agent_outcome}):
 * a trial a worker completed counts 1 and one it failed (an error, or its heartbeats stopped) 0. Agents never
 * report on themselves. Older outcomes count less ({@code mabeam.reputation.half-life}); outcomes older than
 * twenty half-lives are ignored. Reputation weighs votes ({@code weighting: reputation}) and, as the
 * {@code reputation} placement, where work goes.
 */
@Stateless
public class Reputations {

    static final int HALF_LIVES_KEPT = 20;

    @Resource(lookup = Database.JNDI_NAME)
    DataSource dataSource;

    @Inject
    @ConfigProperty(name = "mabeam.reputation.half-life", defaultValue = "PT24H")
    String halfLifeSetting;

    private Duration halfLife() {
        try {
            Duration parsed = Duration.parse(halfLifeSetting);
            return parsed.isNegative() || parsed.isZero() ? Duration.ofHours(24) : parsed;
        } catch (RuntimeException e) {
            return Duration.ofHours(24);
        }
    }

    @Inject
    @RegistryScope(scope = MetricRegistry.APPLICATION_SCOPE)
    MetricRegistry metrics;

    /** Records an outcome in the caller's transaction. */
    public void record(String agent, double outcome, String source) {
        if (agent == null || agent.isBlank()) {
            return;
        }
        new ReputationScore.Outcome(outcome, Instant.now()); // checks the range
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(
                        "insert into agent_outcome (agent, outcome, source, at) values (?, ?, ?, ?)")) {
            insert.setString(1, agent.length() > 200 ? agent.substring(0, 200) : agent);
            insert.setDouble(2, outcome);
            insert.setString(3, source);
            insert.setTimestamp(4, Timestamp.from(Instant.now()));
            insert.executeUpdate();
            metrics.counter("mabeam.economics.outcomes", new Tag("source", source))
                    .inc();
        } catch (SQLException e) {
            throw new EJBException("recording an outcome of " + agent + " failed", e);
        }
    }

    public Duration currentHalfLife() {
        return halfLife();
    }

    /** An agent's reputation (1/2 without outcomes). */
    public Reputation get(String agent) {
        return of(List.of(agent)).get(agent);
    }

    /** Reputations of the given agents, in their order. */
    public Map<String, Reputation> of(Collection<String> agents) {
        Map<String, List<ReputationScore.Outcome>> outcomes = outcomes(agents);
        Instant now = Instant.now();
        Map<String, Reputation> reputations = new LinkedHashMap<>();
        for (String agent : agents) {
            reputations.put(agent, ReputationScore.of(agent, outcomes.getOrDefault(agent, List.of()), now, halfLife()));
        }
        return reputations;
    }

    /** Every agent with outcomes in the window, best first. */
    public List<Reputation> all() {
        Map<String, List<ReputationScore.Outcome>> outcomes = outcomes(null);
        Instant now = Instant.now();
        List<Reputation> reputations = new ArrayList<>();
        outcomes.forEach((agent, list) -> reputations.add(ReputationScore.of(agent, list, now, halfLife())));
        reputations.sort(
                Comparator.comparingDouble(Reputation::score).reversed().thenComparing(Reputation::agent));
        return reputations;
    }

    private Map<String, List<ReputationScore.Outcome>> outcomes(Collection<String> agents) {
        if (agents != null && agents.isEmpty()) {
            return Map.of();
        }
        if (agents != null && agents.size() > 1000) {
            throw DomainException.invalid("reputations of at most 1000 agents at once");
        }
        Instant since = Instant.now().minus(halfLife().multipliedBy(HALF_LIVES_KEPT));
        StringBuilder sql = new StringBuilder("select agent, outcome, at from agent_outcome where at >= ?");
        if (agents != null) {
            sql.append(" and agent in (").append("?,".repeat(agents.size()));
            sql.setLength(sql.length() - 1);
            sql.append(")");
        }
        Map<String, List<ReputationScore.Outcome>> byAgent = new TreeMap<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(sql.toString())) {
            select.setMaxRows(200_000);
            select.setTimestamp(1, Timestamp.from(since));
            int i = 2;
            if (agents != null) {
                for (String agent : agents) {
                    select.setString(i++, agent);
                }
            }
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    byAgent.computeIfAbsent(rows.getString(1), a -> new ArrayList<>())
                            .add(new ReputationScore.Outcome(
                                    rows.getDouble(2), rows.getTimestamp(3).toInstant()));
                }
            }
            return byAgent;
        } catch (SQLException e) {
            throw new EJBException("reading outcomes failed", e);
        }
    }
}
