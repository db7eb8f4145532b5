package io.duvoexport.job;

import io.duvoexport.api.ApiException;
import io.duvoexport.config.ConfigurationException;
import io.duvoexport.publish.OutputLock;
import io.duvoexport.report.ReportException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.batch.core.job.JobExecutionException;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.source.ConfigurationProperty;

/** Maps what went wrong to an exit code and the one line that tells the operator what to do. */
public final class FailureClassifier {

    /** An exit code and its one-line cause. */
    public record Outcome(ExitCode code, String message) {}

    /** Settings whose value is never repeated in a message. */
    private static final Pattern SECRET = Pattern.compile("(?i)password|secret|key|token");

    private FailureClassifier() {}

    public static Outcome classify(List<Throwable> failures) {
        for (Throwable failure : failures) {
            Outcome known = known(failure);
            if (known != null) {
                return known;
            }
        }
        // a partitioned step reports "a partition failed": the partition's own failure says why
        Throwable first = failures.stream()
                .filter(f -> !(f instanceof JobExecutionException))
                .findFirst()
                .orElse(failures.isEmpty() ? null : failures.get(0));
        Throwable root = first == null ? null : rootCause(first);
        String what = root == null
                ? "the export failed without an exception"
                : root.getClass().getSimpleName() + ": " + oneLine(root.getMessage());
        return new Outcome(ExitCode.UNEXPECTED,
                what + " (see the log above; re-running the same command resumes the export)");
    }

    public static Outcome classify(Throwable failure) {
        return classify(List.of(failure));
    }

    private static Outcome known(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ApiException api) {
                ExitCode code = switch (api.kind()) {
                    case ACCESS_DENIED -> ExitCode.ACCESS_DENIED;
                    case REJECTED -> ExitCode.CONFIGURATION;
                    case UNAVAILABLE -> ExitCode.API_UNAVAILABLE;
                };
                return new Outcome(code, oneLine(api.getMessage()));
            }
            if (t instanceof ConfigurationException) {
                return new Outcome(ExitCode.CONFIGURATION, oneLine(t.getMessage()));
            }
            if (t instanceof BindException bind) {
                return new Outcome(ExitCode.CONFIGURATION, oneLine(bindFailure(bind)));
            }
            if (t instanceof OutputLock.LockedException) {
                return new Outcome(ExitCode.LOCKED, oneLine(t.getMessage()));
            }
            if (t instanceof DataCheckException) {
                return new Outcome(ExitCode.DATA_CHECK, oneLine(t.getMessage()));
            }
            if (t instanceof ReportException) {
                return new Outcome(ExitCode.UNEXPECTED, oneLine(t.getMessage())
                        + " (the dataset, manifest and reports were left as they were; fix the "
                        + "report, or duvo.report.sql-dir, and re-run the same command)");
            }
        }
        return null;
    }

    /**
     * A setting that could not be bound: the range check's own message when a check refused it,
     * else the setting, what it takes and the value given.
     */
    private static String bindFailure(BindException bind) {
        for (Throwable t = bind; t != null; t = t.getCause()) {
            if (t instanceof ConfigurationException config) {
                return config.getMessage();
            }
        }
        ConfigurationProperty property = bind.getProperty();
        if (property == null) {
            return "invalid setting " + bind.getName() + ": " + rootMessage(bind);
        }
        String name = property.getName().toString();
        String given = SECRET.matcher(name).find() ? "" : ", was '" + property.getValue() + "'";
        return name + " must be " + expected(bind.getTarget().getType().resolve(Object.class))
                + given;
    }

    private static String expected(Class<?> type) {
        if (type.isEnum()) {
            return "one of " + Arrays.stream(type.getEnumConstants())
                    .map(c -> c.toString().toLowerCase(Locale.ROOT).replace('_', '-'))
                    .collect(Collectors.joining(", "));
        }
        if (type == int.class || type == long.class || type == Integer.class
                || type == Long.class) {
            return "a whole number";
        }
        if (type == double.class || type == Double.class) {
            return "a number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type == Duration.class) {
            return "a duration such as 10s or 500ms";
        }
        return "a valid " + type.getSimpleName();
    }

    private static String rootMessage(Throwable t) {
        return rootCause(t).getMessage();
    }

    private static Throwable rootCause(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }

    /** Messages may quote API text: keep them on one line so they cannot forge log lines. */
    static String oneLine(String message) {
        return message == null ? "" : message.replaceAll("[\\r\\n\\t]+", " ").strip();
    }
}
