package io.mabeam.consensus.boundary;

import io.mabeam.agents.control.AgentType;
import io.mabeam.consensus.control.VoterType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/** The agent type this component adds to the platform: voters. */
@ApplicationScoped
public class ConsensusAgentTypes {

    @Produces
    AgentType voter() {
        return new VoterType();
    }
}
