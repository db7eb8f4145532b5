package io.duvoexport.api;

import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * One page as the API returned it.
 *
 * @param query the request that produced it
 * @param runs the {@code data} array's elements, untouched: validation is the flattener's job
 * @param total the API's count of runs matching the filters, over all pages
 * @param rateLimit the response's rate-limit headers
 */
public record RunsPage(RunsQuery query, List<JsonNode> runs, long total, RateLimit rateLimit) {

    /** True when the page holds fewer runs than asked for: nothing follows it. */
    public boolean isLast() {
        return runs.size() < query.limit();
    }
}
