package io.duvoexport.config;

import io.duvoexport.api.ApiKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.core.env.Environment;

/**
 * Finds the API key: {@code DUVO_API_KEY} (property {@code duvo.api-key}) or, when that is not
 * set, the file named by {@code DUVO_API_KEY_FILE} (property {@code duvo.api-key-file}), as cron
 * users keep secrets out of crontabs. The key never becomes a job parameter.
 */
public final class ApiKeyResolver {

    private ApiKeyResolver() {}

    /** @throws ConfigurationException naming the setting to fix */
    public static ApiKey resolve(Environment environment) {
        String direct = environment.getProperty("duvo.api-key");
        if (direct != null && !direct.isBlank()) {
            return new ApiKey(direct);
        }
        String file = environment.getProperty("duvo.api-key-file");
        if (file == null || file.isBlank()) {
            throw new ConfigurationException(
                    "DUVO_API_KEY is not set: export it, or set DUVO_API_KEY_FILE to a file "
                            + "holding the key");
        }
        return fromFile(Path.of(file));
    }

    private static ApiKey fromFile(Path file) {
        String content;
        try {
            content = Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new ConfigurationException("DUVO_API_KEY_FILE " + file
                    + " cannot be read (" + e.getClass().getSimpleName()
                    + "): check the path and its permissions");
        }
        if (content.isEmpty()) {
            throw new ConfigurationException("DUVO_API_KEY_FILE " + file + " is empty");
        }
        return new ApiKey(content);
    }
}
