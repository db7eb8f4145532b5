package io.duvoexport.report;

import io.duvoexport.export.RunRow;
import io.duvoexport.simulate.SeverityCounts;
import io.duvoexport.simulate.SimulatedEvaluation;
import io.duvoexport.simulate.SimulatedRun;
import java.time.Instant;
import java.util.List;

/**
 * The simulator's runs as the dataset should hold them, mapped field by field from the
 * simulator's own records: the truth that report figures are computed from in tests, without
 * the exporter's flattening.
 */
final class SimulatedRows {

    private SimulatedRows() {}

    static List<RunRow> of(List<SimulatedRun> runs, String teamId, Instant exportedAt) {
        return runs.stream().map(run -> row(run, teamId, exportedAt)).toList();
    }

    private static RunRow row(SimulatedRun run, String teamId, Instant exportedAt) {
        SimulatedEvaluation eval = run.evaluation();
        SeverityCounts severity = eval == null ? null : eval.severityCounts();
        Long passed = eval == null ? null : eval.passed();
        Long total = eval == null ? null : eval.total();
        return new RunRow(run.id(), teamId, run.runNumber(), run.status().wireName(),
                run.title(), run.source(), run.agentId(), run.agentName(), run.buildId(),
                run.userId(), run.caseQueueId(), run.caseQueueName(), run.caseQueueItemId(),
                run.caseTitle(), run.createdAt(), run.updatedAt(), run.startedAt(),
                run.completedAt(), run.postponedTo(), run.submittedPromptCount(),
                eval == null ? null : eval.status().wireName(), passed, total,
                passed == null || total == null ? null : total - passed,
                eval == null ? null : eval.finalComment(),
                severity == null ? null : severity.critical(),
                severity == null ? null : severity.medium(),
                severity == null ? null : severity.low(), exportedAt);
    }
}
