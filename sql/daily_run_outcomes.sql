-- Report: daily_run_outcomes
--
-- Question: how many runs were created each day, how did they end, and what share of those
--           that ended failed?
-- Grain:    one row per created_date (UTC day of created_at) that has at least one run.
-- Order:    created_date ascending.
-- Statuses are grouped as in failure_rate_by_agent: a NULL or unknown status counts as
-- other_status.
--
-- Columns:
--   created_date     DATE     the UTC day the runs were created
--   runs             BIGINT   runs created that day
--   active_agents    BIGINT   distinct agent_id values among those runs (NULL not counted)
--   completed        BIGINT   runs in status completed
--   failed           BIGINT   runs in status failed
--   interrupted      BIGINT   runs in status interrupted
--   stopped          BIGINT   runs in status stopped
--   terminal_runs    BIGINT   completed + failed + interrupted + stopped
--   needs_attention  BIGINT   runs in status needs_attention
--   in_flight        BIGINT   runs in status not_started, pending, starting, running or waiting
--   other_status     BIGINT   runs in any other status, or with no status
--   failure_rate     DOUBLE   failed / terminal_runs, between 0 and 1; NULL when terminal_runs = 0

WITH

dated_runs AS (
    SELECT created_date, agent_id, status
    FROM runs
),

classified_runs AS (
    SELECT
        created_date,
        agent_id,
        status,
        CASE
            WHEN status IN ('completed', 'failed', 'interrupted', 'stopped') THEN 'terminal'
            WHEN status = 'needs_attention' THEN 'needs_attention'
            WHEN status IN ('not_started', 'pending', 'starting', 'running', 'waiting')
                THEN 'in_flight'
            ELSE 'other'
        END AS status_group
    FROM dated_runs
),

daily_counts AS (
    SELECT
        created_date,
        COUNT(*) AS runs,
        COUNT(DISTINCT agent_id) AS active_agents,
        COUNT(*) FILTER (WHERE status = 'completed') AS completed,
        COUNT(*) FILTER (WHERE status = 'failed') AS failed,
        COUNT(*) FILTER (WHERE status = 'interrupted') AS interrupted,
        COUNT(*) FILTER (WHERE status = 'stopped') AS stopped,
        COUNT(*) FILTER (WHERE status_group = 'terminal') AS terminal_runs,
        COUNT(*) FILTER (WHERE status_group = 'needs_attention') AS needs_attention,
        COUNT(*) FILTER (WHERE status_group = 'in_flight') AS in_flight,
        COUNT(*) FILTER (WHERE status_group = 'other') AS other_status
    FROM classified_runs
    GROUP BY created_date
),

daily_outcomes AS (
    SELECT
        CAST(created_date AS DATE) AS created_date,
        CAST(runs AS BIGINT) AS runs,
        CAST(active_agents AS BIGINT) AS active_agents,
        CAST(completed AS BIGINT) AS completed,
        CAST(failed AS BIGINT) AS failed,
        CAST(interrupted AS BIGINT) AS interrupted,
        CAST(stopped AS BIGINT) AS stopped,
        CAST(terminal_runs AS BIGINT) AS terminal_runs,
        CAST(needs_attention AS BIGINT) AS needs_attention,
        CAST(in_flight AS BIGINT) AS in_flight,
        CAST(other_status AS BIGINT) AS other_status,
        CAST(failed AS DOUBLE) / NULLIF(terminal_runs, 0) AS failure_rate
    FROM daily_counts
)

SELECT * FROM daily_outcomes
ORDER BY created_date ASC
