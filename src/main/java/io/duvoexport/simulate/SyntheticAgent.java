package io.duvoexport.simulate;

import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;

/**
 * An agent of the synthetic team: its names over time, its builds over time, where its runs come
 * from, and the case queue and digest its runs belong to. Immutable.
 */
final class SyntheticAgent {

    /** Where an agent's runs are created from; null sources model runs of unknown origin. */
    enum Kind {
        INTERACTIVE(WeightedChoice.of("manual", 70, "api", 20, "email", 5, null, 5)),
        INTEGRATION(WeightedChoice.of("api", 60, "webhook", 35, null, 5)),
        SCHEDULED(WeightedChoice.of("schedule", 88, "manual", 8, null, 4)),
        INBOX(WeightedChoice.of("email", 80, "manual", 15, null, 5));

        private final WeightedChoice<String> sources;

        Kind(WeightedChoice<String> sources) {
            this.sources = sources;
        }

        String pickSource(SplittableRandom rng) {
            return sources.pick(rng);
        }
    }

    private final String id;
    private final String name;
    private final String laterName;
    private final Instant renamedAt;
    private final List<Instant> buildsFrom;
    private final List<String> buildIds;
    private final Kind kind;
    private final CaseQueue queue;
    private final String digestId;

    /**
     * @param renamedAt when {@code laterName} replaced {@code name}; null if never renamed
     * @param buildsFrom deploy instants, ascending; the first build also covers earlier runs
     * @param buildIds the build deployed at the matching instant
     * @param queue the case queue its runs work from, or null
     * @param digestId the digest its runs may belong to, or null
     */
    SyntheticAgent(String id, String name, String laterName, Instant renamedAt,
            List<Instant> buildsFrom, List<String> buildIds, Kind kind, CaseQueue queue,
            String digestId) {
        this.id = id;
        this.name = name;
        this.laterName = laterName;
        this.renamedAt = renamedAt;
        this.buildsFrom = List.copyOf(buildsFrom);
        this.buildIds = List.copyOf(buildIds);
        this.kind = kind;
        this.queue = queue;
        this.digestId = digestId;
    }

    String id() {
        return id;
    }

    Kind kind() {
        return kind;
    }

    CaseQueue queue() {
        return queue;
    }

    String digestId() {
        return digestId;
    }

    boolean isRenamed() {
        return renamedAt != null;
    }

    /** The name runs created at {@code instant} carry. */
    String nameAt(Instant instant) {
        return renamedAt != null && !instant.isBefore(renamedAt) ? laterName : name;
    }

    /** The build that was deployed at {@code instant}. */
    String buildAt(Instant instant) {
        int index = 0;
        while (index + 1 < buildsFrom.size() && !instant.isBefore(buildsFrom.get(index + 1))) {
            index++;
        }
        return buildIds.get(index);
    }
}
