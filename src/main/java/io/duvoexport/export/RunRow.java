package io.duvoexport.export;

import java.time.Instant;

/**
 * One run, flattened to the dataset's typed columns. Field order is column order.
 *
 * <p>Every reference-typed field may be null except {@code id}, {@code teamId}, {@code createdAt}
 * and {@code exportedAt}. Timestamps are instants (written as UTC-adjusted microseconds); counts
 * are 64-bit.
 */
public record RunRow(
        String id,
        String teamId,
        Long runNumber,
        String status,
        String title,
        String source,
        String agentId,
        String agentName,
        String buildId,
        String userId,
        String caseQueueId,
        String caseQueueName,
        String caseQueueItemId,
        String caseTitle,
        Instant createdAt,
        Instant updatedAt,
        Instant startedAt,
        Instant completedAt,
        Instant postponedTo,
        Long submittedPromptCount,
        String evalStatus,
        Long evalPassed,
        Long evalTotal,
        Long evalFailed,
        String evalFinalComment,
        Long evalCritical,
        Long evalMedium,
        Long evalLow,
        Instant exportedAt) {}
