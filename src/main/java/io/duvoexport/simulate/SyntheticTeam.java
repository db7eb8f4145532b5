package io.duvoexport.simulate;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * The cast behind the runs of one simulated team: agents (a few renamed during the span), case
 * queues, users and digests. A pure function of the random generator it is created from.
 * Immutable, thread-safe.
 */
final class SyntheticTeam {

    private static final List<String> AGENT_NAMES = List.of(
            "Invoice Processor", "Lead Qualifier", "Support Triage", "Contract Reviewer",
            "Expense Auditor", "Onboarding Guide", "KYC Checker", "Order Entry",
            "Returns Handler", "Price Monitor", "Competitor Watch", "Weekly Reporter",
            "CRM Hygiene", "Email Responder", "Meeting Summarizer", "Recruiting Screener",
            "Vendor Onboarding", "Claims Intake", "Shipment Tracker", "Churn Risk Analyst",
            "Renewal Reminder", "Compliance Monitor", "Übersetzungs-Agent",
            "Réconciliation bancaire", "請求書チェッカー", "Payroll Checker", "Tender Scout",
            "Quote Builder", "Inventory Sync", "Dunning Desk", "Patent Watch",
            "Travel Booker", "Social Listening", "Data Room Indexer", "Tax ID Validator",
            "Warranty Desk", "Lease Abstractor", "Grant Finder", "Board Pack Drafter",
            "Web Research");

    private static final List<String> LATER_NAMES = List.of(
            "Accounts Payable Agent", "Lead Scoring v2", "Customer Care Triage",
            "Contract Reviewer (EU)", "Ops \"Night Shift\" Agent", "Agent d'accueil");

    private static final List<String> QUEUE_NAMES = List.of(
            "Accounts Payable – Invoices", "Customer Support (EU)", "Onboarding: KYC checks",
            "Retours / Returns", "受注処理", "Claims, \"priority\"", "Procurement requests");

    /** Ranks of the agents that get renamed: busy ones, spaced out. */
    private static final List<Integer> RENAMED_RANKS = List.of(1, 3, 6, 9);
    private static final int USERS = 14;
    private static final int DIGESTS = 6;

    private final List<SyntheticAgent> agents;
    private final WeightedChoice<SyntheticAgent> agentChoice;
    private final WeightedChoice<String> userChoice;
    private final Instant severityIntroducedAt;

    private SyntheticTeam(List<SyntheticAgent> agents, List<String> users,
            Instant severityIntroducedAt) {
        this.agents = List.copyOf(agents);
        this.agentChoice = WeightedChoice.of(agents, zipfWeights(agents.size()));
        this.userChoice = WeightedChoice.of(users, zipfWeights(users.size()));
        this.severityIntroducedAt = severityIntroducedAt;
    }

    /** A team whose history spans {@code start} to {@code end}. */
    static SyntheticTeam create(SplittableRandom rng, Instant start, Instant end) {
        List<CaseQueue> queues = QUEUE_NAMES.stream()
                .map(name -> new CaseQueue(RandomUuid.next(rng), name))
                .toList();
        List<String> users = IntStream.range(0, USERS).mapToObj(i -> RandomUuid.next(rng)).toList();
        List<String> digests =
                IntStream.range(0, DIGESTS).mapToObj(i -> RandomUuid.next(rng)).toList();

        List<String> names = new ArrayList<>(AGENT_NAMES);
        Collections.shuffle(names, new Random(rng.nextLong()));
        int count = 30 + rng.nextInt(11);
        List<SyntheticAgent> agents = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int renameSlot = RENAMED_RANKS.indexOf(i);
            String later = renameSlot >= 0 ? LATER_NAMES.get(renameSlot) : null;
            agents.add(agent(rng, names.get(i), later, start, end, queues, digests));
        }
        Duration span = Duration.between(start, end);
        Instant severityFrom = start.plus(span.multipliedBy(2).dividedBy(5));
        return new SyntheticTeam(agents, users, severityFrom);
    }

    List<SyntheticAgent> agents() {
        return agents;
    }

    /** Busy agents are picked far more often than quiet ones. */
    SyntheticAgent pickAgent(SplittableRandom rng) {
        return agentChoice.pick(rng);
    }

    /** The owner of a run; automated sources mostly have none. */
    String pickUser(String source, SplittableRandom rng) {
        boolean automated = source == null || source.equals("schedule") || source.equals("webhook");
        double ownerless = automated ? 0.7 : 0.02;
        return rng.nextDouble() < ownerless ? null : userChoice.pick(rng);
    }

    /** Evaluations finished before this instant carry no severity counts. */
    Instant severityIntroducedAt() {
        return severityIntroducedAt;
    }

    private static SyntheticAgent agent(SplittableRandom rng, String name, String laterName,
            Instant start, Instant end, List<CaseQueue> queues, List<String> digests) {
        String id = RandomUuid.next(rng);
        Instant renamedAt = laterName == null ? null : between(rng, start, end, 0.25, 0.75);
        int builds = 1 + rng.nextInt(4);
        List<Instant> buildsFrom = new ArrayList<>();
        List<String> buildIds = new ArrayList<>();
        for (int b = 0; b < builds; b++) {
            buildsFrom.add(b == 0 ? start : between(rng, start, end, 0.05, 0.95));
            buildIds.add(RandomUuid.next(rng));
        }
        Collections.sort(buildsFrom);
        SyntheticAgent.Kind kind = WeightedChoice.<SyntheticAgent.Kind>of(
                SyntheticAgent.Kind.INTERACTIVE, 35, SyntheticAgent.Kind.INTEGRATION, 30,
                SyntheticAgent.Kind.SCHEDULED, 20, SyntheticAgent.Kind.INBOX, 15).pick(rng);
        CaseQueue queue = rng.nextDouble() < 0.45 ? queues.get(rng.nextInt(queues.size())) : null;
        String digest = rng.nextDouble() < 0.5 ? digests.get(rng.nextInt(digests.size())) : null;
        return new SyntheticAgent(id, name, laterName, renamedAt, buildsFrom, buildIds, kind, queue,
                digest);
    }

    /** An instant between the given fractions of the span. */
    private static Instant between(SplittableRandom rng, Instant start, Instant end, double from,
            double to) {
        long span = Duration.between(start, end).toMillis();
        double fraction = from + (to - from) * rng.nextDouble();
        return start.plusMillis((long) (span * fraction));
    }

    private static double[] zipfWeights(int count) {
        double[] weights = new double[count];
        for (int i = 0; i < count; i++) {
            weights[i] = 1.0 / Math.pow(i + 1, 0.8);
        }
        return weights;
    }
}
