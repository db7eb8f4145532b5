package io.duvoexport.api;

/**
 * A request the API did not answer with a usable page. Messages name the request (path and
 * query, never headers) and what to check; they never contain the key.
 */
public class ApiException extends RuntimeException {

    /** What the caller should make of the failure. */
    public enum Kind {
        /** 401 or 403: the key is missing, wrong, revoked or lacks access to the team. */
        ACCESS_DENIED,
        /** 400, 404 and other client errors: the request or a setting is wrong. */
        REJECTED,
        /** Retries exhausted or the deadline passed on transient faults. */
        UNAVAILABLE
    }

    private final Kind kind;
    private final int httpStatus;

    public ApiException(Kind kind, int httpStatus, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.httpStatus = httpStatus;
    }

    public Kind kind() {
        return kind;
    }

    /** The last HTTP status seen, or 0 when no response arrived. */
    public int httpStatus() {
        return httpStatus;
    }
}
