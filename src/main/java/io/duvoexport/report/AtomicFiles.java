package io.duvoexport.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Publishes files the way readers of {@code *.csv} and {@code *.parquet} need: written under a
 * hidden temporary name in the target's own folder, then renamed over the target in one atomic
 * step. A reader sees the old file or the new one, never a part of either.
 */
final class AtomicFiles {

    /** {@code .<target file name>.<uuid>.tmp}: no reader's glob on the extension matches it. */
    private static final Pattern TEMP_NAME = Pattern.compile("\\..+\\.[0-9a-f-]{36}\\.tmp");

    private AtomicFiles() {}

    /** A fresh temporary path beside {@code target}, in the same folder. */
    static Path tempSibling(Path target) {
        return target.resolveSibling("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
    }

    /** Renames {@code temp} over {@code target}, replacing it atomically. */
    static void moveIntoPlace(Path temp, Path target) {
        try {
            Files.move(temp, target,
                    StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move " + temp + " into place as " + target, e);
        }
    }

    /** Copies {@code source} to a temporary sibling of {@code target}, then moves it into place. */
    static void copyIntoPlace(Path source, Path target) {
        createDirectories(target.getParent());
        Path temp = tempSibling(target);
        try {
            Files.copy(source, temp);
            moveIntoPlace(temp, target);
        } catch (IOException e) {
            deleteQuietly(temp);
            throw new UncheckedIOException("cannot copy " + source + " to " + temp, e);
        } catch (RuntimeException e) {
            deleteQuietly(temp);
            throw e;
        }
    }

    /**
     * Deletes temporary files an interrupted earlier run left in {@code directory}. Only one run
     * may publish under an output root at a time, so none of them is still being written.
     */
    static void removeLeftovers(Path directory) {
        if (!Files.isDirectory(directory)) {
            return;
        }
        try (Stream<Path> files = Files.list(directory)) {
            files.filter(f -> TEMP_NAME.matcher(f.getFileName().toString()).matches())
                    .forEach(AtomicFiles::deleteQuietly);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + directory, e);
        }
    }

    static void createDirectories(Path directory) {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create folder " + directory, e);
        }
    }

    /** Deletes the file if it exists; a failure to delete a temporary file is not an error. */
    static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException ignored) {
            // a leftover temporary name matches no reader and the next run removes it
        }
    }
}
