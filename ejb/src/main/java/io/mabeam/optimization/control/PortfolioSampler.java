package io.mabeam.optimization.control;

import io.mabeam.economics.control.AuctionRules;
import io.mabeam.economics.entity.AuctionKind;
import io.mabeam.economics.entity.Award;
import io.mabeam.economics.entity.Bid;
import io.mabeam.economics.entity.Clearing;
import io.mabeam.economics.entity.Credits;
import io.mabeam.optimization.entity.StudyHistory;
import io.mabeam.optimization.entity.Suggestion;
import io.mabeam.optimization.entity.Trial;
import io.mabeam.optimization.entity.TrialState;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A market of optimizer agents, each with its own sampler and its own credits, that bid for every trial.
 *
 * <p><b>One trial, one auction.</b> Every agent with credits proposes the point its sampler would try next and bids
 * its expected improvement: the market's appraiser — a Gaussian process fitted to the whole history, the one the
 * {@code gp} agent also uses — gives each proposal's log EI, and a proposal's value is its EI relative to the best
 * proposal's (1 credit for the best, less for the others). An agent bids its value, or its balance if that is
 * less. The trial is a Vickrey auction ({@link AuctionRules}): the highest bid wins and pays the second-highest,
 * so bidding the true value is each agent's best strategy. Until the appraiser has enough complete trials every
 * proposal is worth 1 credit, and the agents take turns.
 *
 * <p><b>Credits.</b> Each agent starts with {@code credits}; before every auction each receives {@code allowance}
 * up to {@code cap}; a trial that completes with a better value than every earlier-numbered complete trial earns
 * the agent that proposed it {@code prize}. An agent that keeps winning without improving the study spends its
 * credits and has to let the others' proposals run; one whose proposals improve it stays funded.
 *
 * <p><b>Statelessness.</b> Every trial the market gives records the winner ({@value #AGENT}), its payment in
 * micro-credits ({@value #PRICE}) and all bids in the agents' order ({@value #BIDS}, -1 for an agent without
 * credits). Balances are replayed from the history ({@link #accounts}), so any node with the same history, seed and
 * trial number runs the same auction. Single objective only.
 */
public final class PortfolioSampler implements Sampler {

    static final String AGENT = "market:agent";
    static final String PRICE = "market:price";
    static final String BIDS = "market:bids";

    public static final List<String> MEMBER_NAMES =
            List.of("gp", "tpe", "tpe-multivariate", "cmaes", "sobol", "halton", "random");
    public static final List<String> DEFAULT_MEMBERS = List.of("gp", "tpe", "cmaes", "sobol", "random");

    /**
     * @param members the agents' samplers by name ({@link #MEMBER_NAMES}), each at most once
     * @param credits each agent's starting balance, in micro-credits
     * @param allowance what each agent receives before every auction, in micro-credits
     * @param cap the balance the allowance does not go beyond
     * @param prize what an agent earns when its trial improves the study
     */
    public record Options(List<String> members, long credits, long allowance, long cap, long prize) {

        public Options {
            members = List.copyOf(members);
            if (members.size() < 2) {
                throw new IllegalArgumentException("a portfolio has at least two agents");
            }
            if (members.stream().distinct().count() != members.size()) {
                throw new IllegalArgumentException("a portfolio names each agent once: " + members);
            }
            for (String member : members) {
                if (!MEMBER_NAMES.contains(member)) {
                    throw new IllegalArgumentException(
                            "a portfolio's agents are among " + MEMBER_NAMES + ", not '" + member + "'");
                }
            }
            if (credits < 0 || allowance < 0 || prize < 0 || cap < credits || cap <= 0) {
                throw new IllegalArgumentException(
                        "credits, allowance and prize are not negative and the cap is positive and at least the credits");
            }
        }

        /** Five agents with 1 credit each, 1/5 credit each per trial up to 5, a prize of 1 credit. */
        public static Options defaults() {
            return of(DEFAULT_MEMBERS);
        }

        public static Options of(List<String> members) {
            return new Options(
                    members, Credits.MICROS, Credits.MICROS / members.size(), 5 * Credits.MICROS, Credits.MICROS);
        }
    }

    /** An agent's account, replayed from the history: trials won, credits paid and earned, balance now. */
    public record Account(String agent, int wins, int improvements, long paid, long earned, long balance) {}

    private final long seed;
    private final Options options;
    private final GpSampler appraiser;
    private final List<Sampler> samplers = new ArrayList<>();

    public PortfolioSampler(long seed) {
        this(seed, Options.defaults());
    }

    public PortfolioSampler(long seed, Options options) {
        this.seed = seed;
        this.options = options;
        this.appraiser = new GpSampler(seed);
        for (int i = 0; i < options.members().size(); i++) {
            samplers.add(member(options.members().get(i), RandomSampler.mix(seed, 1_000_003L * (i + 1))));
        }
    }

    private Sampler member(String name, long memberSeed) {
        return switch (name) {
            case "gp" -> appraiser;
            case "tpe" -> new TpeSampler(memberSeed);
            case "tpe-multivariate" ->
                new TpeSampler(memberSeed, TpeSampler.Options.defaults().withMultivariate(true));
            case "cmaes" -> new CmaEsSampler(memberSeed);
            case "sobol" -> new QuasiRandomSampler(QuasiRandomSampler.Kind.SOBOL, memberSeed);
            case "halton" -> new QuasiRandomSampler(QuasiRandomSampler.Kind.HALTON, memberSeed);
            case "random" -> new RandomSampler(memberSeed);
            default -> throw new IllegalArgumentException("unknown portfolio agent " + name);
        };
    }

    @Override
    public String name() {
        return "portfolio";
    }

    public Options options() {
        return options;
    }

    @Override
    public Suggestion suggest(StudyHistory history, long number) {
        if (history.multiObjective()) {
            throw new IllegalArgumentException(
                    "the portfolio optimizes a single objective, not " + history.directions());
        }
        List<String> agents = options.members();
        int n = agents.size();
        long[] balance = balances(history);
        for (int i = 0; i < n; i++) {
            balance[i] = Math.min(options.cap(), balance[i] + options.allowance());
        }
        Optional<GpSampler.Model> model = appraiser.fit(history);
        Suggestion[] proposals = new Suggestion[n];
        double[] logEi = new double[n];
        double bestLogEi = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            if (balance[i] <= 0) {
                continue;
            }
            proposals[i] = model.isPresent() && samplers.get(i) == appraiser
                    ? model.get().suggest(number)
                    : samplers.get(i).suggest(history, number);
            logEi[i] = model.isPresent() ? model.get().logExpectedImprovement(proposals[i].parameters()) : 0;
            bestLogEi = Math.max(bestLogEi, logEi[i]);
        }
        List<Bid> bids = new ArrayList<>();
        List<Object> recordedBids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (proposals[i] == null) {
                recordedBids.add(-1L);
                continue;
            }
            long value = bestLogEi == Double.NEGATIVE_INFINITY
                    ? 0
                    : Math.round(Credits.MICROS * Math.exp(logEi[i] - bestLogEi));
            long bid = Math.min(value, balance[i]);
            recordedBids.add(bid);
            // equal bids go to the agent whose turn it is: turns rotate with the trial number
            bids.add(Bid.single(agents.get(i), bid, Math.floorMod(i - number, n)));
        }
        if (bids.isEmpty()) {
            throw new IllegalStateException("no agent of the portfolio has credits");
        }
        Clearing clearing = AuctionRules.clear(AuctionKind.VICKREY, 1, 0, bids);
        Award award = clearing.awards().get(0);
        int winner = agents.indexOf(award.bidder());
        Map<String, Object> attributes = new HashMap<>(proposals[winner].systemAttributes());
        attributes.put(AGENT, award.bidder());
        attributes.put(PRICE, award.payment());
        attributes.put(BIDS, recordedBids);
        return new Suggestion(proposals[winner].parameters(), attributes);
    }

    /** Balances before the next auction's allowance. */
    private long[] balances(StudyHistory history) {
        List<Account> accounts = accounts(history, options);
        long[] balance = new long[accounts.size()];
        for (int i = 0; i < balance.length; i++) {
            balance[i] = accounts.get(i).balance();
        }
        return balance;
    }

    /**
     * The agents' accounts after the history's market trials, replayed in trial-number order: allowance before each
     * auction, the winner's payment, the prize when the trial improved on every earlier-numbered complete trial.
     */
    public static List<Account> accounts(StudyHistory history, Options options) {
        List<String> agents = options.members();
        int n = agents.size();
        long[] balance = new long[n];
        long[] paid = new long[n];
        long[] earned = new long[n];
        int[] wins = new int[n];
        int[] improvements = new int[n];
        java.util.Arrays.fill(balance, options.credits());
        List<Trial> trials = new ArrayList<>(history.trials());
        trials.sort(Comparator.comparingLong(Trial::number));
        double best = Double.POSITIVE_INFINITY;
        for (Trial trial : trials) {
            boolean complete = trial.state() == TrialState.COMPLETE && !Double.isNaN(trial.value());
            double loss = complete ? history.loss(trial) : Double.NaN;
            Object agent = trial.systemAttributes().get(AGENT);
            int winner = agent instanceof String name ? agents.indexOf(name) : -1;
            if (winner >= 0) {
                for (int i = 0; i < n; i++) {
                    balance[i] = Math.min(options.cap(), balance[i] + options.allowance());
                }
                long price = trial.systemAttributes().get(PRICE) instanceof Number p ? p.longValue() : 0;
                balance[winner] -= price;
                paid[winner] += price;
                wins[winner]++;
                if (complete && loss < best) {
                    balance[winner] += options.prize();
                    earned[winner] += options.prize();
                    improvements[winner]++;
                }
            }
            if (complete && loss < best) {
                best = loss;
            }
        }
        List<Account> accounts = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            accounts.add(new Account(agents.get(i), wins[i], improvements[i], paid[i], earned[i], balance[i]));
        }
        return accounts;
    }

    /** Accounts by agent name, for reports. */
    public static Map<String, Account> accountsByAgent(StudyHistory history, Options options) {
        Map<String, Account> byAgent = new LinkedHashMap<>();
        accounts(history, options).forEach(a -> byAgent.put(a.agent(), a));
        return byAgent;
    }
}
