package io.duvoexport.config;

import io.duvoexport.api.RunsQuery;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Every setting of the exporter, under the prefix {@code duvo}. Each is an ordinary Spring
 * property, so it can come from {@code application.properties}, a {@code --duvo.x=y} argument or
 * the environment ({@code DUVO_TEAM_ID} binds to {@code duvo.team-id}).
 *
 * <p>The API key is deliberately not here: see {@link ApiKeyResolver}. Every numeric setting is
 * checked as it is bound, at start-up: a value out of range throws a
 * {@link ConfigurationException} naming the setting, its range and the value.
 *
 * @param baseUrl the API's base URL (DUVO_BASE_URL)
 * @param teamId the team whose runs are exported (DUVO_TEAM_ID)
 * @param exportDir the output root: a local path or a Hadoop URI such as hdfs:// or s3a://
 *     (DUVO_EXPORT_DIR)
 * @param allowInsecureHttp allow a plain http:// base URL to a host other than loopback
 * @param statusStrategy where each run's status comes from: payload, per-status or auto
 * @param maxRejectRatio the share of runs that may break the contract (quarantined in the rejects
 *     file) before the export fails and publishes nothing
 * @param filter which runs to export; all of them by default
 * @param incremental the window of the nightly incremental export
 * @param fetch how pages are requested
 * @param http timeouts and retries of each request
 * @param report the reports run after each export
 */
@ConfigurationProperties("duvo")
public record ExportProperties(
        @DefaultValue("https://api.duvo.ai") String baseUrl,
        String teamId,
        @DefaultValue("./out") String exportDir,
        @DefaultValue("false") boolean allowInsecureHttp,
        @DefaultValue("auto") StatusStrategy statusStrategy,
        @DefaultValue("0.01") double maxRejectRatio,
        @DefaultValue Filter filter,
        @DefaultValue Incremental incremental,
        @DefaultValue Fetch fetch,
        @DefaultValue Http http,
        @DefaultValue Publish publish,
        @DefaultValue Report report) {

    public ExportProperties {
        SettingChecks.between("duvo.max-reject-ratio", maxRejectRatio, 0, 1);
    }

    /** Where a run's status comes from. */
    public enum StatusStrategy {
        /** Rows carry {@code status}. */
        PAYLOAD,
        /** Page once per status filter value and tag each run with the status it was listed under. */
        PER_STATUS,
        /** Look at the first page: payload when its rows carry status, per-status otherwise. */
        AUTO
    }

    /**
     * The contract's filters; unset means not filtered.
     *
     * @param status only runs in this status, e.g. {@code failed}
     * @param agentId only runs of this agent (UUID)
     * @param userId only runs of this user (UUID)
     * @param caseQueueId only runs of this case queue (UUID)
     * @param source only runs from this source, e.g. {@code api}
     * @param search full-text search in run and case titles
     * @param hasIssues {@code true} or {@code false}
     * @param issueSeverity {@code critical}, {@code medium} or {@code low}
     * @param since runs completed at or after this RFC 3339 instant (excludes unfinished runs)
     * @param digestId only runs of this digest (UUID)
     */
    public record Filter(
            String status,
            String agentId,
            String userId,
            String caseQueueId,
            String source,
            String search,
            Boolean hasIssues,
            String issueSeverity,
            String since,
            String digestId) {}

    /**
     * @param lookbackDays the window starts at the beginning of the UTC day this many days back
     * @param maxLookbackDays it reaches further back to the oldest partition still holding a run
     *     in a non-terminal status, but never beyond this many days
     */
    public record Incremental(
            @DefaultValue("7") int lookbackDays, @DefaultValue("45") int maxLookbackDays) {

        public Incremental {
            SettingChecks.atLeast("duvo.incremental.lookback-days", lookbackDays, 0);
            SettingChecks.atLeast("duvo.incremental.max-lookback-days", maxLookbackDays, 0);
        }
    }

    /**
     * @param pageSize runs per request, 1 to 100
     * @param concurrency pages requested at the same time, at least 1
     * @param pagesPerUnit the most pages in one restartable unit of work, at least 1
     * @param pagesPerCommit pages staged per committed chunk: the restart granularity, at least 1
     * @param boundaryOverlap runs each page shares with the previous one, so that a boundary
     *     moved by runs deleted while paging is detected and read again; 0 turns it off; less
     *     than {@code pageSize}
     */
    public record Fetch(
            @DefaultValue("100") int pageSize,
            @DefaultValue("4") int concurrency,
            @DefaultValue("250") int pagesPerUnit,
            @DefaultValue("10") int pagesPerCommit,
            @DefaultValue("1") int boundaryOverlap) {

        public Fetch {
            SettingChecks.between("duvo.fetch.page-size", pageSize, 1, RunsQuery.MAX_LIMIT);
            SettingChecks.atLeast("duvo.fetch.concurrency", concurrency, 1);
            SettingChecks.atLeast("duvo.fetch.pages-per-unit", pagesPerUnit, 1);
            SettingChecks.atLeast("duvo.fetch.pages-per-commit", pagesPerCommit, 1);
            SettingChecks.between("duvo.fetch.boundary-overlap", boundaryOverlap, 0,
                    pageSize - 1, " (duvo.fetch.page-size - 1)");
        }
    }

    /**
     * @param connectTimeout time to establish a connection
     * @param readTimeout the longest silence while a response arrives: before its headers, or
     *     between parts of its body; a response silent longer is aborted and retried
     * @param maxAttempts attempts per request, the first included, at least 1
     * @param initialBackoff first wait between attempts, doubled each time
     * @param maxBackoff longest wait between attempts, at least {@code initialBackoff}
     * @param retryAfterFloor shortest wait after a 429, whatever retry-after says
     * @param requestDeadline the most time one request may take, retries included
     * @param maxRequestsPerMinute a ceiling of our own on the request rate, besides the API's
     *     rate-limit headers; 0 for none
     */
    public record Http(
            @DefaultValue("10s") Duration connectTimeout,
            @DefaultValue("60s") Duration readTimeout,
            @DefaultValue("8") int maxAttempts,
            @DefaultValue("500ms") Duration initialBackoff,
            @DefaultValue("30s") Duration maxBackoff,
            @DefaultValue("500ms") Duration retryAfterFloor,
            @DefaultValue("10m") Duration requestDeadline,
            @DefaultValue("0") int maxRequestsPerMinute) {

        public Http {
            SettingChecks.positive("duvo.http.connect-timeout", connectTimeout);
            SettingChecks.positive("duvo.http.read-timeout", readTimeout);
            SettingChecks.atLeast("duvo.http.max-attempts", maxAttempts, 1);
            SettingChecks.atLeast("duvo.http.initial-backoff", initialBackoff, Duration.ZERO);
            SettingChecks.atLeast("duvo.http.max-backoff", maxBackoff, initialBackoff,
                    " (duvo.http.initial-backoff)");
            SettingChecks.atLeast("duvo.http.retry-after-floor", retryAfterFloor, Duration.ZERO);
            SettingChecks.positive("duvo.http.request-deadline", requestDeadline);
            SettingChecks.atLeast("duvo.http.max-requests-per-minute", maxRequestsPerMinute, 0);
        }
    }

    /**
     * @param mergeConcurrency partitions merged into Parquet at the same time, each holding one
     *     date's staged rows and one open Parquet writer; 0 for one per processor, at most 4
     */
    public record Publish(@DefaultValue("0") int mergeConcurrency) {

        public Publish {
            SettingChecks.atLeast("duvo.publish.merge-concurrency", mergeConcurrency, 0);
        }
    }

    /**
     * @param sqlDir a directory of report SQL overriding the reports shipped in the jar
     * @param historyDays days of dated report copies kept
     */
    public record Report(String sqlDir, @DefaultValue("30") int historyDays) {

        public Report {
            SettingChecks.atLeast("duvo.report.history-days", historyDays, 0);
        }
    }
}
