package io.duvoexport.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportScriptsTest {

    @TempDir
    Path temp;

    @Test
    void shipsTheReportsOnTheClasspathInNameOrder() {
        List<ReportScript> scripts = ReportScripts.fromClasspath(getClass().getClassLoader());

        assertThat(scripts).extracting(ReportScript::name).containsExactly(
                "case_queue_health", "daily_run_outcomes", "daily_run_volume_by_source",
                "data_quality_null_shares", "data_quality_summary", "duration_by_agent",
                "eval_pass_rate_by_agent", "failure_rate_by_agent", "failure_rate_by_agent_daily");
        assertThat(scripts).extracting(ReportScript::location)
                .contains("classpath:sql/failure_rate_by_agent.sql");
    }

    @Test
    void everyShippedReportStartsWithAHeaderDocumentingQuestionGrainAndEveryColumn()
            throws Exception {
        List<ReportScript> scripts = ReportScripts.fromClasspath(getClass().getClassLoader());
        ReportRunner runner = ReportRunner.forOutputRoot(temp);
        runner.run(LocalDate.parse("2024-01-13"));

        for (ReportScript script : scripts) {
            String header = header(script.sql());
            assertThat(header).as(script.name())
                    .startsWith("-- Report: " + script.name() + "\n")
                    .contains("-- Question: ", "-- Grain: ", "-- Columns:");
            for (String column : runner.readPublished(script.name()).columns()) {
                assertThat(header).as(script.name() + " documents " + column)
                        .containsPattern("\n--   " + column + " +[A-Z]+ +\\S");
            }
        }
    }

    @Test
    void findsReportsInsideAJarAndIgnoresOtherFiles() throws Exception {
        Path jar = jar(temp.resolve("reports.jar"), List.of(
                "sql/b_second.sql", "sql/a_first.sql", "sql/readme.txt", "sql/old/c_old.sql",
                "other/d_elsewhere.sql"));

        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            List<ReportScript> scripts = ReportScripts.fromClasspath(loader);

            assertThat(scripts).extracting(ReportScript::name)
                    .containsExactly("a_first", "b_second");
            assertThat(scripts.get(0).sql()).isEqualTo("SELECT 'sql/a_first.sql' AS source");
        }
    }

    @Test
    void readsOnlyTheSqlFilesOfAFolder() throws Exception {
        Files.writeString(temp.resolve("z_last.sql"), "SELECT 2 AS two");
        Files.writeString(temp.resolve("a_first.sql"), "SELECT 1 AS one");
        Files.writeString(temp.resolve("notes.md"), "not a report");
        Files.createDirectories(temp.resolve("nested.sql"));

        assertThat(ReportScripts.fromDirectory(temp)).extracting(ReportScript::name)
                .containsExactly("a_first", "z_last");
    }

    @Test
    void folderWithoutReportsIsAnError() {
        assertThatThrownBy(() -> ReportScripts.fromDirectory(temp))
                .isInstanceOf(ReportException.class)
                .hasMessageContaining(temp.toString())
                .hasMessageContaining("holds no .sql file");
    }

    @Test
    void reportNameMustBeAUsableFolderName() throws Exception {
        Files.writeString(temp.resolve("two words.sql"), "SELECT 1 AS one");

        assertThatThrownBy(() -> ReportScripts.fromDirectory(temp))
                .isInstanceOf(ReportException.class)
                .hasMessageContaining("two words.sql");
    }

    /** The comment lines the file starts with. */
    private static String header(String sql) {
        List<String> lines = new ArrayList<>();
        for (String line : sql.split("\n")) {
            if (!line.startsWith("--")) {
                break;
            }
            lines.add(line);
        }
        return String.join("\n", lines) + "\n";
    }

    /** A jar as Maven and Spring Boot write them: folder entries first, then the files. */
    private static Path jar(Path file, List<String> entries) throws IOException {
        try (OutputStream out = Files.newOutputStream(file);
                JarOutputStream jar = new JarOutputStream(out)) {
            for (String folder : List.of("sql/", "sql/old/", "other/")) {
                jar.putNextEntry(new JarEntry(folder));
                jar.closeEntry();
            }
            for (String entry : entries) {
                jar.putNextEntry(new JarEntry(entry));
                jar.write(("SELECT '" + entry + "' AS source").getBytes(StandardCharsets.UTF_8));
                jar.closeEntry();
            }
        }
        return file;
    }
}
