package io.duvoexport.job;

/** The process's exit codes; the README's table lists the same. */
public enum ExitCode {
    /** The export succeeded, or there was nothing to do. */
    OK(0),
    /** Anything not covered below: a bug or an environment fault (disk full, say). */
    UNEXPECTED(1),
    /** A setting is missing or invalid: the key, the team, a filter, a path. */
    CONFIGURATION(2),
    /** The API refused the key: 401 or 403. */
    ACCESS_DENIED(3),
    /** The API stayed unavailable through every retry. */
    API_UNAVAILABLE(4),
    /** The data failed a check, such as too many rejected runs; nothing was published. */
    DATA_CHECK(5),
    /** Another export holds the output's lock. */
    LOCKED(6);

    private final int code;

    ExitCode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
