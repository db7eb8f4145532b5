package io.duvoexport.api;

import java.time.Duration;

/** A duration written as its setting would be: {@code 10m}, {@code 90s}, {@code 700ms}. */
public final class DurationSetting {

    private DurationSetting() {}

    /** Whole minutes as {@code m}, whole seconds as {@code s}, else milliseconds. */
    public static String text(Duration duration) {
        long millis = duration.toMillis();
        if (millis % 60_000 == 0 && millis > 0) {
            return millis / 60_000 + "m";
        }
        return millis % 1_000 == 0 ? millis / 1_000 + "s" : millis + "ms";
    }
}
