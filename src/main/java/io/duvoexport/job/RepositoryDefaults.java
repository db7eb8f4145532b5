package io.duvoexport.job;

import io.duvoexport.config.ConfigurationException;
import io.duvoexport.export.Storage;
import java.nio.file.Path;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Keeps the job repository beside the data it describes: unless {@code spring.datasource.url}
 * is set (PostgreSQL, say), it is an embedded H2 file database under
 * {@code <export-dir>/_jobs/}. Only a local export directory can hold it: for an HDFS or S3
 * output root the export refuses to start until the datasource is set, since Boot would
 * otherwise fall back to an in-memory database and every restart would start from nothing.
 *
 * @throws ConfigurationException for a remote output root whose scheme no file system on the
 *     classpath serves, or that has no datasource set
 */
public class RepositoryDefaults implements EnvironmentPostProcessor {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment,
            SpringApplication application) {
        if (!application.getAllSources().contains(ExportApplication.class)) {
            return; // only the export keeps a job repository
        }
        String exportDir = environment.getProperty("duvo.export-dir", "./out");
        boolean datasourceSet = environment.containsProperty("spring.datasource.url");
        if (exportDir.contains("://")) {
            Storage.requireSupportedScheme(exportDir);
            if (!datasourceSet) {
                throw new ConfigurationException("DUVO_EXPORT_DIR (duvo.export-dir) is not on "
                        + "local disk, so the job repository cannot be kept under it: set "
                        + "spring.datasource.url (SPRING_DATASOURCE_URL) to a database such as "
                        + "PostgreSQL, or restart after a failure would be impossible");
            }
            return;
        }
        if (datasourceSet) {
            return;
        }
        Path database = Path.of(exportDir).toAbsolutePath().normalize()
                .resolve("_jobs").resolve("repository");
        String url = "jdbc:h2:file:" + database + ";DB_CLOSE_ON_EXIT=FALSE;TRACE_LEVEL_FILE=0";
        environment.getPropertySources().addLast(new MapPropertySource(
                "duvo-repository-defaults", Map.of("spring.datasource.url", url)));
    }
}
