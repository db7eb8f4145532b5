package io.duvoexport.report;

import io.duvoexport.export.RunRow;
import java.time.Instant;

/** Builds dataset rows for tests: every field has a plausible default. */
final class RunRowBuilder {

    static final Instant EXPORTED_AT = Instant.parse("2024-02-01T00:00:00Z");

    private final String id;
    private String agentId = "agent-default";
    private String agentName = "Default agent";
    private String status = "completed";
    private Instant createdAt = Instant.parse("2024-01-10T12:00:00Z");
    private String evalStatus;
    private Long evalPassed;
    private Long evalTotal;
    private Long evalCritical;
    private Long evalMedium;
    private Long evalLow;
    private String source = "api";
    private String caseQueueId;
    private String caseQueueName;
    private Instant startedAt;
    private Instant completedAt;
    private Instant updatedAt;
    private Instant postponedTo;
    private boolean timestampsSet;

    private RunRowBuilder(String id) {
        this.id = id;
    }

    static RunRowBuilder run(String id) {
        return new RunRowBuilder(id);
    }

    RunRowBuilder agent(String agentId, String agentName) {
        this.agentId = agentId;
        this.agentName = agentName;
        return this;
    }

    RunRowBuilder status(String status) {
        this.status = status;
        return this;
    }

    RunRowBuilder createdAt(String instant) {
        this.createdAt = Instant.parse(instant);
        return this;
    }

    RunRowBuilder eval(String evalStatus, Long passed, Long total) {
        this.evalStatus = evalStatus;
        this.evalPassed = passed;
        this.evalTotal = total;
        return this;
    }

    RunRowBuilder severity(Long critical, Long medium, Long low) {
        this.evalCritical = critical;
        this.evalMedium = medium;
        this.evalLow = low;
        return this;
    }

    RunRowBuilder source(String source) {
        this.source = source;
        return this;
    }

    RunRowBuilder caseQueue(String id, String name) {
        this.caseQueueId = id;
        this.caseQueueName = name;
        return this;
    }

    /** Sets started, completed and updated (each an instant or null) instead of the defaults. */
    RunRowBuilder timestamps(String started, String completed, String updated) {
        this.startedAt = started == null ? null : Instant.parse(started);
        this.completedAt = completed == null ? null : Instant.parse(completed);
        this.updatedAt = updated == null ? null : Instant.parse(updated);
        this.timestampsSet = true;
        return this;
    }

    RunRowBuilder postponedTo(String instant) {
        this.postponedTo = Instant.parse(instant);
        return this;
    }

    RunRow build() {
        Long failed = evalTotal == null || evalPassed == null ? null : evalTotal - evalPassed;
        Instant started = timestampsSet ? startedAt : createdAt.plusSeconds(5);
        Instant completed = timestampsSet ? completedAt
                : isTerminal() ? createdAt.plusSeconds(60) : null;
        Instant updated = timestampsSet ? updatedAt : createdAt.plusSeconds(60);
        return new RunRow(id, "team-1", (long) id.hashCode(), status, "Run " + id, source,
                agentId, agentName, "build-1", "user-1", caseQueueId, caseQueueName,
                caseQueueId == null ? null : "item-" + id, caseQueueId == null ? null : "Case",
                createdAt, updated, started, completed, postponedTo, 3L,
                evalStatus, evalPassed, evalTotal, failed, evalStatus == null ? null : "checked",
                evalCritical, evalMedium, evalLow, EXPORTED_AT);
    }

    private boolean isTerminal() {
        return "completed".equals(status) || "failed".equals(status);
    }
}
