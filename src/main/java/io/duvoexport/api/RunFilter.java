package io.duvoexport.api;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The contract's filters of {@code GET /v2/teams/{teamId}/runs}; every field is optional (null
 * means "not filtered"). Identifiers are validated as UUIDs on construction, so a typo in a
 * setting fails before the first request rather than as an API error.
 *
 * @param status only runs in this status
 * @param agentId only runs of this agent
 * @param userId only runs owned by this user (the API scopes non-superadmin keys to their user)
 * @param caseQueueId only runs tied to this case queue
 * @param source only runs created from this source, e.g. {@code api}, {@code schedule}
 * @param search full-text search in run and case titles
 * @param hasIssues only runs with (true) or without (false) evaluation issues
 * @param issueSeverity only runs whose latest evaluation fails a rubric of this severity
 * @param since runs completed at or after this instant; excludes runs not yet completed
 * @param digestId only runs of this digest (undocumented by the vendor)
 */
public record RunFilter(
        RunStatus status,
        String agentId,
        String userId,
        String caseQueueId,
        String source,
        String search,
        Boolean hasIssues,
        IssueSeverity issueSeverity,
        Instant since,
        String digestId) {

    public static final RunFilter NONE =
            new RunFilter(null, null, null, null, null, null, null, null, null, null);

    public RunFilter {
        requireUuid("agent-id", agentId);
        requireUuid("user-id", userId);
        requireUuid("case-queue-id", caseQueueId);
        requireUuid("digest-id", digestId);
    }

    /** The same filter restricted to one status. */
    public RunFilter withStatus(RunStatus value) {
        return new RunFilter(value, agentId, userId, caseQueueId, source, search, hasIssues,
                issueSeverity, since, digestId);
    }

    /** Query parameters in a stable order, without the paging ones. */
    Map<String, String> toQueryParameters() {
        Map<String, String> query = new LinkedHashMap<>();
        putIfSet(query, "status", status == null ? null : status.wireName());
        putIfSet(query, "agent_id", agentId);
        putIfSet(query, "user_id", userId);
        putIfSet(query, "case_queue_id", caseQueueId);
        putIfSet(query, "source", source);
        putIfSet(query, "search", search);
        putIfSet(query, "has_issues", hasIssues == null ? null : hasIssues.toString());
        putIfSet(query, "issue_severity", issueSeverity == null ? null : issueSeverity.wireName());
        putIfSet(query, "since", since == null ? null : since.toString());
        putIfSet(query, "digest_id", digestId);
        return query;
    }

    private static void putIfSet(Map<String, String> query, String name, String value) {
        if (value != null) {
            query.put(name, value);
        }
    }

    private static void requireUuid(String setting, String value) {
        if (value == null) {
            return;
        }
        try {
            UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "filter " + setting + " must be a UUID, was '" + value + "'");
        }
    }
}
