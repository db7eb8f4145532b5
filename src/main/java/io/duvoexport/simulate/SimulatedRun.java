package io.duvoexport.simulate;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * One run as the simulator holds it: the truth that tests compare the API's answers with.
 * Components follow the contract's fields in order; ids are lowercase uuid strings.
 *
 * <p>Immutable. Instants are truncated to microseconds, the finest precision the API renders.
 * {@code id}, {@code createdAt} and {@code status} are never null; every other component may be.
 * {@code digestId} is never rendered, it only answers the {@code digest_id} filter.
 */
public record SimulatedRun(
        String id,
        Instant createdAt,
        Instant updatedAt,
        Instant startedAt,
        Instant completedAt,
        RunStatus status,
        String source,
        String title,
        Long runNumber,
        String agentId,
        String agentName,
        String buildId,
        String userId,
        String caseQueueItemId,
        String caseQueueId,
        String caseQueueName,
        String caseTitle,
        Instant postponedTo,
        Long submittedPromptCount,
        SimulatedEvaluation evaluation,
        String digestId) {

    public SimulatedRun {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(status, "status");
        createdAt = toMicros(createdAt);
        updatedAt = toMicros(updatedAt);
        startedAt = toMicros(startedAt);
        completedAt = toMicros(completedAt);
        postponedTo = toMicros(postponedTo);
    }

    /** A builder with every component unset. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder preset with this run's components, for changing a few of them. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Whether the latest evaluation has failing rubrics (what {@code has_issues=true} selects). */
    public boolean hasIssues() {
        return evaluation != null && evaluation.hasIssues();
    }

    private static Instant toMicros(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.MICROS);
    }

    /** Mutable builder of {@link SimulatedRun}; not thread-safe. */
    public static final class Builder {
        private String id;
        private Instant createdAt;
        private Instant updatedAt;
        private Instant startedAt;
        private Instant completedAt;
        private RunStatus status;
        private String source;
        private String title;
        private Long runNumber;
        private String agentId;
        private String agentName;
        private String buildId;
        private String userId;
        private String caseQueueItemId;
        private String caseQueueId;
        private String caseQueueName;
        private String caseTitle;
        private Instant postponedTo;
        private Long submittedPromptCount;
        private SimulatedEvaluation evaluation;
        private String digestId;

        private Builder() {}

        private Builder(SimulatedRun run) {
            id = run.id;
            createdAt = run.createdAt;
            updatedAt = run.updatedAt;
            startedAt = run.startedAt;
            completedAt = run.completedAt;
            status = run.status;
            source = run.source;
            title = run.title;
            runNumber = run.runNumber;
            agentId = run.agentId;
            agentName = run.agentName;
            buildId = run.buildId;
            userId = run.userId;
            caseQueueItemId = run.caseQueueItemId;
            caseQueueId = run.caseQueueId;
            caseQueueName = run.caseQueueName;
            caseTitle = run.caseTitle;
            postponedTo = run.postponedTo;
            submittedPromptCount = run.submittedPromptCount;
            evaluation = run.evaluation;
            digestId = run.digestId;
        }

        public Builder id(String value) {
            id = value;
            return this;
        }

        public Builder createdAt(Instant value) {
            createdAt = value;
            return this;
        }

        public Builder updatedAt(Instant value) {
            updatedAt = value;
            return this;
        }

        public Builder startedAt(Instant value) {
            startedAt = value;
            return this;
        }

        public Builder completedAt(Instant value) {
            completedAt = value;
            return this;
        }

        public Builder status(RunStatus value) {
            status = value;
            return this;
        }

        public Builder source(String value) {
            source = value;
            return this;
        }

        public Builder title(String value) {
            title = value;
            return this;
        }

        public Builder runNumber(Long value) {
            runNumber = value;
            return this;
        }

        public Builder agentId(String value) {
            agentId = value;
            return this;
        }

        public Builder agentName(String value) {
            agentName = value;
            return this;
        }

        public Builder buildId(String value) {
            buildId = value;
            return this;
        }

        public Builder userId(String value) {
            userId = value;
            return this;
        }

        /** Sets the four case fields together: all four null means "outside any queue". */
        public Builder caseQueue(String queueId, String queueName, String itemId, String title) {
            caseQueueId = queueId;
            caseQueueName = queueName;
            caseQueueItemId = itemId;
            caseTitle = title;
            return this;
        }

        public Builder postponedTo(Instant value) {
            postponedTo = value;
            return this;
        }

        public Builder submittedPromptCount(Long value) {
            submittedPromptCount = value;
            return this;
        }

        public Builder evaluation(SimulatedEvaluation value) {
            evaluation = value;
            return this;
        }

        public Builder digestId(String value) {
            digestId = value;
            return this;
        }

        /** The run; throws {@link NullPointerException} if id, createdAt or status is unset. */
        public SimulatedRun build() {
            return new SimulatedRun(id, createdAt, updatedAt, startedAt, completedAt, status,
                    source, title, runNumber, agentId, agentName, buildId, userId,
                    caseQueueItemId, caseQueueId, caseQueueName, caseTitle, postponedTo,
                    submittedPromptCount, evaluation, digestId);
        }
    }
}
