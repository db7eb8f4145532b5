package io.duvoexport.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Deletes a report's dated copies older than the retention. A folder {@code history/<date>} is
 * kept while {@code date >= runDate - retentionDays}; folders whose name is not a date are left
 * alone.
 */
final class HistoryPruner {

    private final int retentionDays;

    HistoryPruner(int retentionDays) {
        this.retentionDays = retentionDays;
    }

    /** Deletes the expired folders under {@code historyRoot}; returns them. */
    List<Path> prune(Path historyRoot, LocalDate runDate) {
        if (!Files.isDirectory(historyRoot)) {
            return List.of();
        }
        LocalDate oldestKept = runDate.minusDays(retentionDays);
        List<Path> expired = datedFolders(historyRoot).stream()
                .filter(folder -> dateOf(folder).filter(d -> d.isBefore(oldestKept)).isPresent())
                .sorted()
                .toList();
        expired.forEach(HistoryPruner::deleteTree);
        return expired;
    }

    private static List<Path> datedFolders(Path historyRoot) {
        try (Stream<Path> folders = Files.list(historyRoot)) {
            return folders.filter(Files::isDirectory).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list report history " + historyRoot, e);
        }
    }

    private static Optional<LocalDate> dateOf(Path folder) {
        try {
            return Optional.of(LocalDate.parse(folder.getFileName().toString()));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static void deleteTree(Path folder) {
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete expired report history " + folder, e);
        }
    }
}
