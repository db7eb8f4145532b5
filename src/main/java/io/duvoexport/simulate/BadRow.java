package io.duvoexport.simulate;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How a row is broken under {@link Fault#BAD_ROWS}: a required field missing, a field of the
 * wrong JSON type, or a value no valid run has. Everything else in the row stays as it should be.
 */
public enum BadRow {

    /** No {@code id}. */
    ID_MISSING,
    /** No {@code created_at}. */
    CREATED_AT_MISSING,
    /** {@code "created_at": "yesterday"}. */
    CREATED_AT_UNPARSEABLE,
    /** {@code run_number} as a JSON string, e.g. {@code "42"}; only runs that have a number. */
    RUN_NUMBER_AS_STRING,
    /** A negative {@code submitted_prompt_count}: minus the count, or -1 when it is 0 or null. */
    NEGATIVE_PROMPT_COUNT,
    /**
     * {@code eval_summaries.passed} one more than {@code total}; only runs with a scored
     * evaluation.
     */
    PASSED_OVER_TOTAL,
    /** {@code title} as a JSON number (the run number, or 0). */
    TITLE_AS_NUMBER;

    /** The defect's name on the command line, e.g. {@code id-missing}. */
    public String flagName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * The defect named {@code name} on the command line.
     *
     * @throws IllegalArgumentException listing the names when none matches
     */
    public static BadRow fromFlagName(String name) {
        return Arrays.stream(values())
                .filter(kind -> kind.flagName().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(
                        "unknown bad row kind " + name + "; one of " + flagNames()));
    }

    /** Every command-line name, comma separated, in declaration order. */
    static String flagNames() {
        return Arrays.stream(values()).map(BadRow::flagName).collect(Collectors.joining(", "));
    }

    /** Whether {@code run} has what this defect distorts. */
    boolean appliesTo(SimulatedRun run) {
        return switch (this) {
            case RUN_NUMBER_AS_STRING -> run.runNumber() != null;
            case PASSED_OVER_TOTAL -> run.evaluation() != null
                    && run.evaluation().passed() != null && run.evaluation().total() != null;
            default -> true;
        };
    }
}
