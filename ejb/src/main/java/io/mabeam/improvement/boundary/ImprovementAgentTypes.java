package io.mabeam.improvement.boundary;

import io.mabeam.agents.control.AgentType;
import io.mabeam.improvement.control.CoderType;
import io.mabeam.improvement.control.Improver;
import io.mabeam.improvement.control.ReviewerType;
import io.mabeam.improvement.entity.CoderSettings;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.json.JsonObject;

/** The agent types this component adds to the platform: coders, which propose through {@link Improvements}, and reviewers. */
@ApplicationScoped
public class ImprovementAgentTypes {

    @EJB
    Improvements improvements;

    @Produces
    AgentType coder() {
        return new CoderType(new Improver() {
            @Override
            public JsonObject propose(String coder, CoderSettings settings) {
                return improvements.propose(coder, settings);
            }

            @Override
            public long completeTrials(String study) {
                return improvements.completeTrials(study);
            }
        });
    }

    @Produces
    AgentType reviewer() {
        return new ReviewerType();
    }
}
