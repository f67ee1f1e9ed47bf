package io.mabeam.console;

import io.mabeam.consensus.boundary.Proposals;
import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.Serializable;
import java.io.StringReader;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/** The Market page's consensus forms: put a proposal to agents, cast a vote. */
@Named
@ViewScoped
public class ProposalForms implements Serializable {

    private static final long serialVersionUID = 1L;

    @EJB
    transient Proposals proposals;

    @Inject
    transient Messages messages;

    private String proposalTitle;
    private String proposalTerms = "{}";
    private String proposalElectorate;
    private String proposalRule = "majority";
    private String proposalWeighting = "equal";
    private String proposalTimeout = "PT5S";
    private String proposalRounds = "1";
    private String voteProposal;
    private String voteAgent;
    private String voteBallot = "yes";

    public void openProposal() {
        if (!ConsoleForms.operator(messages)) {
            return;
        }
        try {
            JsonObject terms =
                    Json.createReader(new StringReader(proposalTerms)).readObject();
            List<String> electorate = ConsoleForms.blank(proposalElectorate) == null
                    ? null
                    : Arrays.stream(proposalElectorate.split(","))
                            .map(String::strip)
                            .toList();
            Proposals.ProposalView view = proposals.open(
                    proposalTitle,
                    terms,
                    electorate,
                    null,
                    Json.createObjectBuilder()
                            .add("kind", proposalRule)
                            .add("weighting", proposalWeighting)
                            .build(),
                    Duration.parse(proposalTimeout.strip()),
                    Integer.valueOf(proposalRounds.strip()));
            messages.info("Put proposal " + view.proposal().id() + " to "
                    + view.proposal().electorate().size() + " agent(s)");
        } catch (jakarta.json.JsonException | IllegalStateException e) {
            messages.error("Terms are a JSON object such as {\"lr\": 0.01}");
        } catch (NumberFormatException | java.time.format.DateTimeParseException e) {
            messages.error("Rounds are a whole number and the timeout an ISO-8601 duration such as PT5S");
        } catch (RuntimeException e) {
            messages.problem(e);
        }
    }

    public void vote() {
        if (!ConsoleForms.operator(messages)) {
            return;
        }
        try {
            proposals.vote(voteProposal, voteAgent, voteBallot, null, "cast from the console");
            messages.info("Vote of " + voteAgent + " recorded");
        } catch (RuntimeException e) {
            messages.problem(e);
        }
    }

    // ---- form fields -----------------------------------------------------------------------------------------

    public String getProposalTitle() {
        return proposalTitle;
    }

    public void setProposalTitle(String proposalTitle) {
        this.proposalTitle = proposalTitle;
    }

    public String getProposalTerms() {
        return proposalTerms;
    }

    public void setProposalTerms(String proposalTerms) {
        this.proposalTerms = proposalTerms;
    }

    public String getProposalElectorate() {
        return proposalElectorate;
    }

    public void setProposalElectorate(String proposalElectorate) {
        this.proposalElectorate = proposalElectorate;
    }

    public String getProposalRule() {
        return proposalRule;
    }

    public void setProposalRule(String proposalRule) {
        this.proposalRule = proposalRule;
    }

    public String getProposalWeighting() {
        return proposalWeighting;
    }

    public void setProposalWeighting(String proposalWeighting) {
        this.proposalWeighting = proposalWeighting;
    }

    public String getProposalTimeout() {
        return proposalTimeout;
    }

    public void setProposalTimeout(String proposalTimeout) {
        this.proposalTimeout = proposalTimeout;
    }

    public String getProposalRounds() {
        return proposalRounds;
    }

    public void setProposalRounds(String proposalRounds) {
        this.proposalRounds = proposalRounds;
    }

    public String getVoteProposal() {
        return voteProposal;
    }

    public void setVoteProposal(String voteProposal) {
        this.voteProposal = voteProposal;
    }

    public String getVoteAgent() {
        return voteAgent;
    }

    public void setVoteAgent(String voteAgent) {
        this.voteAgent = voteAgent;
    }

    public String getVoteBallot() {
        return voteBallot;
    }

    public void setVoteBallot(String voteBallot) {
        this.voteBallot = voteBallot;
    }
}
