package io.duvoexport.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class Rfc3339Test {

    private static Instant reference(String text) {
        return OffsetDateTime.parse(text).toInstant().truncatedTo(ChronoUnit.MICROS);
    }

    @Test
    void agreesWithOffsetDateTimeOnRandomTimestamps() {
        SplittableRandom random = new SplittableRandom(7);
        String[] fractions = {"", ".S", ".SSS", ".SSSSSS", ".SSSSSSSSS"};
        for (int i = 0; i < 20_000; i++) {
            long seconds = random.nextLong(-2_000_000_000L, 8_000_000_000L);
            Instant instant = Instant.ofEpochSecond(seconds, random.nextInt(1_000_000_000));
            ZoneOffset offset =
                    ZoneOffset.ofTotalSeconds(random.nextInt(-18 * 60, 18 * 60 + 1) * 60);
            String pattern = "uuuu-MM-dd'T'HH:mm:ss" + fractions[random.nextInt(fractions.length)]
                    + (offset.getTotalSeconds() == 0 && random.nextBoolean() ? "'Z'" : "xxx");
            String text = DateTimeFormatter.ofPattern(pattern).format(instant.atOffset(offset));

            assertThat(Rfc3339.parse(text)).as(text).isEqualTo(reference(text));
        }
    }

    @Test
    void refusesWhatOffsetDateTimeRefuses() {
        for (String text : new String[] {"2026-13-01T00:00:00Z", "2026-02-29T00:00:00Z",
                "2026-11-30T24:00:00Z", "2026-11-30T08:60:00Z", "2026-11-30T08:15:02+19:00",
                "2026-11-30T08:15:02", "yesterday", "2026-11-30T08:15:02.1234567890Z",
                "+2026-11-30T08:15:02Z"}) {
            assertThatThrownBy(() -> reference(text)).isInstanceOf(DateTimeParseException.class);
            assertThatThrownBy(() -> Rfc3339.parse(text)).as(text)
                    .isInstanceOf(DateTimeParseException.class);
        }
    }

    @Test
    void takesOtherShapesTheWayOffsetDateTimeDoes() {
        for (String text : new String[] {"2026-11-30t08:15:02z", "2026-11-30T08:15:02.Z",
                "2026-11-30T08:15:02+05:30:15", "2026-11-30T08:15Z"}) {
            assertThat(Rfc3339.parse(text)).as(text).isEqualTo(reference(text));
        }
    }
}
