package io.duvoexport.report;

import static io.duvoexport.report.RunRowBuilder.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunsDatasetTest {

    /** The dataset contract, as DuckDB names the types. */
    private static final List<String> CONTRACT = List.of(
            "id VARCHAR", "team_id VARCHAR", "run_number BIGINT", "status VARCHAR",
            "title VARCHAR", "source VARCHAR", "agent_id VARCHAR", "agent_name VARCHAR",
            "build_id VARCHAR", "user_id VARCHAR", "case_queue_id VARCHAR",
            "case_queue_name VARCHAR", "case_queue_item_id VARCHAR", "case_title VARCHAR",
            "created_at TIMESTAMP WITH TIME ZONE", "updated_at TIMESTAMP WITH TIME ZONE",
            "started_at TIMESTAMP WITH TIME ZONE", "completed_at TIMESTAMP WITH TIME ZONE",
            "postponed_to TIMESTAMP WITH TIME ZONE", "submitted_prompt_count BIGINT",
            "eval_status VARCHAR", "eval_passed BIGINT", "eval_total BIGINT",
            "eval_failed BIGINT", "eval_final_comment VARCHAR", "eval_critical BIGINT",
            "eval_medium BIGINT", "eval_low BIGINT", "exported_at TIMESTAMP WITH TIME ZONE",
            "created_date DATE");

    @TempDir
    Path root;

    @Test
    void exposesTheContractColumnsOverParquetFiles() throws Exception {
        RunsDatasetWriter.write(root, List.of(run("a").build()));

        assertThat(describeRuns()).isEqualTo(CONTRACT);
    }

    @Test
    void exposesTheSameColumnsAsAnEmptyTableBeforeTheFirstFile() throws Exception {
        Files.createDirectories(root.resolve("runs/created_date=2024-01-10"));

        assertThat(new RunsDataset(root).hasFiles()).isFalse();
        assertThat(describeRuns()).isEqualTo(CONTRACT);
    }

    @Test
    void readsTheCreatedDateFromThePartitionFolder() throws Exception {
        RunsDatasetWriter.write(root, List.of(
                run("a").createdAt("2024-01-10T23:59:59Z").build(),
                run("b").createdAt("2024-01-11T00:00:00Z").build()));

        try (Connection connection = connectedToRuns();
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(
                        "SELECT id, created_date FROM runs ORDER BY id")) {
            result.next();
            assertThat(result.getObject(2, LocalDate.class)).isEqualTo("2024-01-10");
            result.next();
            assertThat(result.getObject(2, LocalDate.class)).isEqualTo("2024-01-11");
        }
    }

    @Test
    void refusesAnOutputRootDuckDbWouldReadAsAGlob() {
        assertThatThrownBy(() -> new RunsDataset(root.resolve("out[1]")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("out[1]");
    }

    private List<String> describeRuns() throws Exception {
        List<String> columns = new ArrayList<>();
        try (Connection connection = connectedToRuns();
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("DESCRIBE runs")) {
            while (result.next()) {
                columns.add(
                        result.getString("column_name") + " " + result.getString("column_type"));
            }
        }
        return columns;
    }

    private Connection connectedToRuns() throws Exception {
        Connection connection = InMemoryDuckDb.open();
        new RunsDataset(root).register(connection);
        return connection;
    }
}
