package io.duvoexport.report;

import static io.duvoexport.report.RunRowBuilder.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.duvoexport.export.RunRow;
import io.duvoexport.report.ExpectedReports.FailureRow;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The latest name of an agent when its newest runs share their creation instant. */
class FailureRateLatestNameTest {

    @TempDir
    Path root;

    @Test
    void takesTheNameOfTheLargerIdWhenTheNewestRunsTie() throws Exception {
        List<RunRow> runs = List.of(
                run("run-a").agent("agent-1", "Old name").status("failed")
                        .createdAt("2024-01-10T08:00:00Z").build(),
                run("run-c").agent("agent-1", "Name of c").status("completed")
                        .createdAt("2024-01-12T08:00:00Z").build(),
                run("run-b").agent("agent-1", "Name of b").status("completed")
                        .createdAt("2024-01-12T08:00:00Z").build(),
                run("run-d").agent("agent-1", null).status("running")
                        .createdAt("2024-01-13T08:00:00Z").build());
        RunsDatasetWriter.write(root, runs);
        ReportRunner runner = ReportRunner.forOutputRoot(root);

        runner.run(LocalDate.parse("2024-01-13"));
        List<FailureRow> rows =
                ReportRows.failureRows(runner.readPublished("failure_rate_by_agent"));

        assertThat(rows).containsExactlyElementsOf(ExpectedReports.failureRateByAgent(runs));
        assertThat(rows.get(0).agentName()).isEqualTo("Name of c");
        assertThat(rows.get(0).runs()).isEqualTo(4);
    }
}
