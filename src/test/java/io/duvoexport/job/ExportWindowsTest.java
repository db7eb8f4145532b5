package io.duvoexport.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.duvoexport.config.ExportProperties;
import io.duvoexport.export.ExportWindow;
import io.duvoexport.publish.Manifest;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** The window of an incremental export: lookback, extension to unfinished runs, and its cap. */
class ExportWindowsTest {

    private static final LocalDate NIGHT = LocalDate.parse("2026-12-03");

    private static int lookbackDays;
    private static int maxLookbackDays;

    @BeforeAll
    static void defaultSettings() {
        ExportProperties.Incremental defaults = new Binder(new MapConfigurationPropertySource())
                .bindOrCreate("duvo.incremental", ExportProperties.Incremental.class);
        lookbackDays = defaults.lookbackDays();
        maxLookbackDays = defaults.maxLookbackDays();
    }

    @Test
    void defaultsAreAWeekBackCappedAtFortyFiveDays() {
        assertThat(lookbackDays).isEqualTo(7);
        assertThat(maxLookbackDays).isEqualTo(45);
    }

    @Test
    void startsAtTheUtcDayLookbackDaysBackAndRunsUpToNow() {
        ExportWindows.Resolved resolved = incremental(previousWithOpen());

        assertThat(resolved.mode()).isEqualTo(ExportMode.INCREMENTAL);
        assertThat(resolved.window()).isEqualTo(new ExportWindow(NIGHT.minusDays(7), null));
        assertThat(resolved.window().start()).isEqualTo(Instant.parse("2026-11-26T00:00:00Z"));
    }

    @Test
    void unfinishedRunsInsideTheLookbackDoNotMoveTheStart() {
        ExportWindows.Resolved resolved = incremental(previousWithOpen("2026-11-30", "2026-12-02"));

        assertThat(resolved.window().from()).isEqualTo(LocalDate.parse("2026-11-26"));
    }

    @Test
    void reachesBackToTheOldestPartitionHoldingAnUnfinishedRun() {
        ExportWindows.Resolved resolved =
                incremental(previousWithOpen("2026-11-10", "2026-11-20", "2026-12-01"));

        assertThat(resolved.window().from()).isEqualTo(LocalDate.parse("2026-11-10"));
    }

    @Test
    void reachesBackExactlyToTheCap() {
        ExportWindows.Resolved resolved = incremental(previousWithOpen("2026-10-19"));

        assertThat(resolved.window().from()).isEqualTo(NIGHT.minusDays(45));
    }

    @Test
    void neverReachesBeyondTheCap() {
        ExportWindows.Resolved resolved = incremental(previousWithOpen("2026-08-01", "2026-11-20"));

        assertThat(resolved.window().from()).isEqualTo(LocalDate.parse("2026-10-19"));
    }

    @Test
    void aCapShorterThanTheLookbackLeavesTheLookback() {
        ExportWindows.Resolved resolved = ExportWindows.resolve(ExportMode.INCREMENTAL, NIGHT,
                null, null, previousWithOpen("2026-11-01"), 10, 3);

        assertThat(resolved.window().from()).isEqualTo(NIGHT.minusDays(10));
    }

    @Test
    void withoutAPublishedDatasetAnIncrementalExportRunsFull() {
        ExportWindows.Resolved resolved = incremental(null);

        assertThat(resolved.mode()).isEqualTo(ExportMode.FULL);
        assertThat(resolved.window()).isEqualTo(ExportWindow.EVERYTHING);
    }

    private static ExportWindows.Resolved incremental(Manifest previous) {
        return ExportWindows.resolve(ExportMode.INCREMENTAL, NIGHT, null, null, previous,
                lookbackDays, maxLookbackDays);
    }

    /** The manifest of a previous export whose dataset holds unfinished runs on these dates. */
    private static Manifest previousWithOpen(String... openDates) {
        TreeSet<LocalDate> open = new TreeSet<>();
        Arrays.stream(openDates).map(LocalDate::parse).forEach(open::add);
        return new Manifest(1, 1, 1, "incremental", NIGHT.minusDays(8), null, "team", "payload",
                Instant.EPOCH, Instant.EPOCH, Instant.EPOCH, Map.of(), 0, new TreeMap<>(), open,
                0, null, 0, Map.of());
    }
}
