package io.duvoexport.simulate;

/**
 * One answered request.
 *
 * @param method HTTP method
 * @param path raw path, e.g. {@code /v2/teams/<id>/runs}
 * @param query raw (percent-encoded) query string, or null when there was none
 * @param status HTTP status code of the answer
 */
public record ServedRequest(String method, String path, String query, int status) {

    /** Path and query as sent, e.g. {@code /v2/teams/<id>/runs?limit=100}. */
    public String target() {
        return query == null ? path : path + "?" + query;
    }
}
