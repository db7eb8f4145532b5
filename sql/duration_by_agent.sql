-- Report: duration_by_agent
--
-- Question: how long do each agent's completed runs take once started, and how long do they
--           wait between being created and starting? Typical (p50), slow (p90) and worst but
--           rare (p99) cases.
-- Grain:    one row per agent_id that has at least one run in status completed. Runs without
--           an agent_id share one row whose agent_id and agent_name are NULL.
-- Order:    agent_name, then agent_id.
-- Only runs in status completed count. A completed run is timed when it has both started_at
-- and completed_at; both percentiles use the timed runs only. Durations are measured as
-- recorded: a run whose timestamps are out of order (see data_quality_summary) gives a
-- negative duration.
-- Percentiles are exact and discrete (DuckDB quantile_disc): the p-th percentile of n values
-- is the value at rank ceil(n * p / 100) in ascending order, so it is always one of the
-- measured durations.
--
-- Columns:
--   agent_id          VARCHAR  the agent
--   agent_name        VARCHAR  the agent's latest name: from its most recently created run that
--                              has a name (ties broken by the larger run id)
--   completed_runs    BIGINT   runs of the agent in status completed
--   timed_runs        BIGINT   of those, runs with both started_at and completed_at
--   run_seconds_p50   DOUBLE   median of completed_at - started_at, in seconds; NULL when no
--                              run is timed
--   run_seconds_p90   DOUBLE   90th percentile of completed_at - started_at, in seconds
--   run_seconds_p99   DOUBLE   99th percentile of completed_at - started_at, in seconds
--   wait_seconds_p50  DOUBLE   median of started_at - created_at, in seconds
--   wait_seconds_p90  DOUBLE   90th percentile of started_at - created_at, in seconds
--   wait_seconds_p99  DOUBLE   99th percentile of started_at - created_at, in seconds

WITH

agent_runs AS (
    SELECT id, agent_id, agent_name, status, created_at, started_at, completed_at
    FROM runs
),

latest_agent_names AS (
    SELECT agent_id, agent_name
    FROM agent_runs
    WHERE agent_id IS NOT NULL AND agent_name IS NOT NULL
    QUALIFY ROW_NUMBER() OVER (PARTITION BY agent_id ORDER BY created_at DESC, id DESC) = 1
),

completed_runs AS (
    SELECT
        agent_id,
        started_at IS NOT NULL AND completed_at IS NOT NULL AS is_timed,
        EPOCH_US(completed_at) - EPOCH_US(started_at) AS run_micros,
        EPOCH_US(started_at) - EPOCH_US(created_at) AS wait_micros
    FROM agent_runs
    WHERE status = 'completed'
),

agent_percentiles AS (
    SELECT
        agent_id,
        COUNT(*) AS completed_runs,
        COUNT(*) FILTER (WHERE is_timed) AS timed_runs,
        QUANTILE_DISC(run_micros, 0.5) FILTER (WHERE is_timed) AS run_micros_p50,
        QUANTILE_DISC(run_micros, 0.9) FILTER (WHERE is_timed) AS run_micros_p90,
        QUANTILE_DISC(run_micros, 0.99) FILTER (WHERE is_timed) AS run_micros_p99,
        QUANTILE_DISC(wait_micros, 0.5) FILTER (WHERE is_timed) AS wait_micros_p50,
        QUANTILE_DISC(wait_micros, 0.9) FILTER (WHERE is_timed) AS wait_micros_p90,
        QUANTILE_DISC(wait_micros, 0.99) FILTER (WHERE is_timed) AS wait_micros_p99
    FROM completed_runs
    GROUP BY agent_id
),

durations AS (
    SELECT
        agent_percentiles.agent_id,
        latest_agent_names.agent_name,
        CAST(completed_runs AS BIGINT) AS completed_runs,
        CAST(timed_runs AS BIGINT) AS timed_runs,
        CAST(run_micros_p50 AS DOUBLE) / 1000000 AS run_seconds_p50,
        CAST(run_micros_p90 AS DOUBLE) / 1000000 AS run_seconds_p90,
        CAST(run_micros_p99 AS DOUBLE) / 1000000 AS run_seconds_p99,
        CAST(wait_micros_p50 AS DOUBLE) / 1000000 AS wait_seconds_p50,
        CAST(wait_micros_p90 AS DOUBLE) / 1000000 AS wait_seconds_p90,
        CAST(wait_micros_p99 AS DOUBLE) / 1000000 AS wait_seconds_p99
    FROM agent_percentiles
    LEFT JOIN latest_agent_names USING (agent_id)
)

SELECT * FROM durations
ORDER BY agent_name ASC NULLS LAST, agent_id ASC NULLS LAST
