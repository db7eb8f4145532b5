package io.duvoexport.api;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.StringJoiner;

/**
 * One page request: filters, sort direction and the offset/limit window.
 *
 * @param limit runs per page, 1 to 100
 * @param offset runs to skip, at least 0
 */
public record RunsQuery(RunFilter filter, SortOrder sortOrder, long offset, int limit) {

    public static final int MAX_LIMIT = 100;

    public RunsQuery {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException(
                    "limit must be between 1 and " + MAX_LIMIT + ", was " + limit);
        }
        if (offset < 0) {
            throw new IllegalArgumentException("offset must be at least 0, was " + offset);
        }
    }

    public RunsQuery atOffset(long newOffset) {
        return new RunsQuery(filter, sortOrder, newOffset, limit);
    }

    /** The URL query string, parameters percent-encoded, without the leading {@code ?}. */
    public String toQueryString() {
        StringJoiner query = new StringJoiner("&");
        query.add("limit=" + limit);
        query.add("offset=" + offset);
        query.add("sort_by=created_at");
        query.add("sort_order=" + sortOrder.wireName());
        for (Map.Entry<String, String> e : filter.toQueryParameters().entrySet()) {
            query.add(e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8));
        }
        return query.toString();
    }
}
