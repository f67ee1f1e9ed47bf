package io.mabeam.economics.control;

import io.mabeam.economics.entity.Reputation;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Reputation from recorded outcomes, decayed by age: a pure function of the outcomes, the time and the half-life. */
public final class ReputationScore {

    /** What an agent without outcomes is worth, and how many outcomes' weight that prior has. */
    public static final double PRIOR_MEAN = 0.5;

    public static final double PRIOR_WEIGHT = 1;

    /** An outcome in [0, 1] and when it was recorded. */
    public record Outcome(double value, Instant at) {

        public Outcome {
            if (!(value >= 0 && value <= 1)) {
                throw new IllegalArgumentException("an outcome is between 0 and 1, not " + value);
            }
        }
    }

    private ReputationScore() {}

    public static Reputation of(String agent, List<Outcome> outcomes, Instant now, Duration halfLife) {
        if (halfLife.isNegative() || halfLife.isZero()) {
            throw new IllegalArgumentException("a half-life is positive");
        }
        double halfLifeMillis = halfLife.toMillis();
        double weighted = 0;
        double weight = 0;
        Instant last = null;
        for (Outcome outcome : outcomes) {
            double age = Math.max(0, now.toEpochMilli() - outcome.at().toEpochMilli());
            double w = Math.pow(2, -age / halfLifeMillis);
            weighted += w * outcome.value();
            weight += w;
            if (last == null || outcome.at().isAfter(last)) {
                last = outcome.at();
            }
        }
        double score = (PRIOR_MEAN * PRIOR_WEIGHT + weighted) / (PRIOR_WEIGHT + weight);
        return new Reputation(agent, score, outcomes.size(), weight, last);
    }
}
