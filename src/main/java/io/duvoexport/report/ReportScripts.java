package io.duvoexport.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Finds the report files: {@code sql/*.sql} on the classpath (from a folder such as
 * {@code target/classes} or from inside a jar, a Spring Boot fat jar included), or the
 * {@code *.sql} files of one folder on disk. Sub-folders are not searched.
 *
 * <p>Reports come back sorted by file name, which is the order they run in.
 */
final class ReportScripts {

    static final String CLASSPATH_PATTERN = "classpath*:sql/*.sql";

    private ReportScripts() {}

    /**
     * The reports shipped on the classpath of {@code classLoader}. When several classpath entries
     * hold a file of the same name, the first one wins.
     *
     * @throws ReportException when there is none
     */
    static List<ReportScript> fromClasspath(ClassLoader classLoader) {
        Map<String, ReportScript> byName = new LinkedHashMap<>();
        for (Resource resource : classpathResources(classLoader)) {
            String fileName = resource.getFilename();
            String location = "classpath:sql/" + fileName;
            byName.putIfAbsent(fileName, script(fileName, location, read(resource, location)));
        }
        return sortedNonEmpty(new ArrayList<>(byName.values()), CLASSPATH_PATTERN);
    }

    /**
     * The reports in {@code directory}, which replace the classpath reports as a whole.
     *
     * @throws IllegalArgumentException when the folder does not exist
     * @throws ReportException when it holds no {@code .sql} file
     */
    static List<ReportScript> fromDirectory(Path directory) {
        if (!Files.isDirectory(directory)) {
            throw new IllegalArgumentException(
                    "the report SQL folder " + directory.toAbsolutePath() + " does not exist");
        }
        try (Stream<Path> files = Files.list(directory)) {
            List<ReportScript> scripts = files
                    .filter(f -> f.getFileName().toString().endsWith(".sql"))
                    .filter(Files::isRegularFile)
                    .map(ReportScripts::read)
                    .toList();
            return sortedNonEmpty(scripts, directory.toAbsolutePath().toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the report SQL folder " + directory, e);
        }
    }

    private static Resource[] classpathResources(ClassLoader classLoader) {
        try {
            return new PathMatchingResourcePatternResolver(classLoader)
                    .getResources(CLASSPATH_PATTERN);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + CLASSPATH_PATTERN, e);
        }
    }

    private static ReportScript read(Path file) {
        String location = file.toAbsolutePath().toString();
        try {
            String sql = Files.readString(file, StandardCharsets.UTF_8);
            return script(file.getFileName().toString(), location, sql);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read report file " + location, e);
        }
    }

    private static String read(Resource resource, String location) {
        try (InputStream in = resource.getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read report file " + location, e);
        }
    }

    private static ReportScript script(String fileName, String location, String sql) {
        return new ReportScript(ReportScript.nameOf(fileName), location, sql);
    }

    private static List<ReportScript> sortedNonEmpty(List<ReportScript> scripts, String source) {
        if (scripts.isEmpty()) {
            throw new ReportException("no report found: " + source + " holds no .sql file");
        }
        return scripts.stream().sorted(Comparator.comparing(ReportScript::name)).toList();
    }
}
