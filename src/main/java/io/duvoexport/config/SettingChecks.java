package io.duvoexport.config;

import io.duvoexport.api.DurationSetting;
import java.time.Duration;

/**
 * Range checks of numeric settings, run as the settings are bound at start-up, before any job
 * starts. Each failure is a {@link ConfigurationException} naming the setting, its allowed range
 * and the value given, e.g. "duvo.fetch.page-size must be between 1 and 100, was 250".
 */
final class SettingChecks {

    private SettingChecks() {}

    static void between(String setting, long value, long min, long max) {
        between(setting, value, min, max, "");
    }

    /** @param bound where {@code max} comes from, e.g. " (duvo.fetch.page-size - 1)" */
    static void between(String setting, long value, long min, long max, String bound) {
        if (value < min || value > max) {
            throw invalid(setting, "between " + min + " and " + max + bound, value);
        }
    }

    static void between(String setting, double value, double min, double max) {
        if (!(value >= min && value <= max)) {
            throw invalid(setting, "between " + text(min) + " and " + text(max), text(value));
        }
    }

    static void atLeast(String setting, long value, long min) {
        if (value < min) {
            throw invalid(setting, "at least " + min, value);
        }
    }

    /** A duration of at least {@code min}; {@code min} zero allows none at all. */
    static void atLeast(String setting, Duration value, Duration min) {
        atLeast(setting, value, min, "");
    }

    /** @param bound where {@code min} comes from, e.g. " (duvo.http.initial-backoff)" */
    static void atLeast(String setting, Duration value, Duration min, String bound) {
        if (value == null) {
            throw new ConfigurationException(setting + " must be set, e.g. 10s or 500ms");
        }
        if (value.compareTo(min) < 0) {
            throw invalid(setting, "at least " + DurationSetting.text(min) + bound,
                    DurationSetting.text(value));
        }
    }

    /** A duration longer than zero. */
    static void positive(String setting, Duration value) {
        if (value != null && (value.isZero() || value.isNegative())) {
            throw invalid(setting, "longer than 0", DurationSetting.text(value));
        }
        atLeast(setting, value, Duration.ZERO);
    }

    private static ConfigurationException invalid(String setting, String range, Object value) {
        return new ConfigurationException(setting + " must be " + range + ", was " + value);
    }

    /** {@code 1} rather than {@code 1.0}. */
    private static String text(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15
                ? Long.toString((long) value) : Double.toString(value);
    }
}
