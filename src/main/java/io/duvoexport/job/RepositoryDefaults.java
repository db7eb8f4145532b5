package io.duvoexport.job;

import java.nio.file.Path;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Keeps the job repository beside the data it describes: unless {@code spring.datasource.url}
 * is set (PostgreSQL, say), it is an embedded H2 file database under
 * {@code <export-dir>/_jobs/}. Only a local export directory can hold it; for an HDFS or S3
 * output root the datasource must be configured.
 */
public class RepositoryDefaults implements EnvironmentPostProcessor {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment,
            SpringApplication application) {
        if (environment.containsProperty("spring.datasource.url")) {
            return;
        }
        String exportDir = environment.getProperty("duvo.export-dir", "./out");
        if (exportDir.contains("://")) {
            return; // the datasource must be configured; Boot reports it clearly at start-up
        }
        Path database = Path.of(exportDir).toAbsolutePath().normalize()
                .resolve("_jobs").resolve("repository");
        String url = "jdbc:h2:file:" + database + ";DB_CLOSE_ON_EXIT=FALSE;TRACE_LEVEL_FILE=0";
        environment.getPropertySources().addLast(new MapPropertySource(
                "duvo-repository-defaults", Map.of("spring.datasource.url", url)));
    }
}
