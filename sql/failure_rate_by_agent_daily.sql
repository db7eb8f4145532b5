-- Report: failure_rate_by_agent_daily
--
-- Question: day by day, what share of each agent's ended runs failed, and what is that share
--           over the 7 days ending on each day (a steadier line for trends and alerts)?
-- Grain:    one row per agent_id and per created_date, for every day from the agent's first
--           run through the last created_date in the dataset. Days without runs are included
--           with zero counts, so every rolling window spans 7 calendar days. Runs without an
--           agent_id share the rows whose agent_id and agent_name are NULL.
-- Order:    agent_name, agent_id, then created_date ascending.
-- Runs are dated by created_date (the UTC day of created_at), as in daily_run_outcomes.
-- Terminal statuses are completed, failed, interrupted and stopped, as in failure_rate_by_agent.
-- The 7-day window of a day D is D and the 6 days before it; days before the agent's first
-- run hold no runs of the agent.
--
-- Columns:
--   agent_id          VARCHAR  the agent
--   agent_name        VARCHAR  the agent's latest name: from its most recently created run that
--                              has a name (ties broken by the larger run id)
--   created_date      DATE     the UTC day
--   runs              BIGINT   runs of the agent created that day
--   failed            BIGINT   of those, runs in status failed
--   terminal_runs     BIGINT   of those, runs in a terminal status
--   failure_rate      DOUBLE   failed / terminal_runs; NULL when terminal_runs = 0
--   failed_7d         BIGINT   failed, summed over the 7 days ending on created_date
--   terminal_runs_7d  BIGINT   terminal_runs, summed over the same 7 days
--   failure_rate_7d   DOUBLE   failed_7d / terminal_runs_7d; NULL when terminal_runs_7d = 0

WITH

agent_runs AS (
    SELECT id, agent_id, agent_name, status, created_at, created_date
    FROM runs
),

latest_agent_names AS (
    SELECT agent_id, agent_name
    FROM agent_runs
    WHERE agent_id IS NOT NULL AND agent_name IS NOT NULL
    QUALIFY ROW_NUMBER() OVER (PARTITION BY agent_id ORDER BY created_at DESC, id DESC) = 1
),

daily_counts AS (
    SELECT
        agent_id,
        created_date,
        COUNT(*) AS runs,
        COUNT(*) FILTER (WHERE status = 'failed') AS failed,
        COUNT(*) FILTER (
            WHERE status IN ('completed', 'failed', 'interrupted', 'stopped')
        ) AS terminal_runs
    FROM agent_runs
    GROUP BY agent_id, created_date
),

agent_spans AS (
    SELECT
        agent_id,
        MIN(created_date) AS first_date,
        (SELECT MAX(created_date) FROM agent_runs) AS last_date
    FROM agent_runs
    GROUP BY agent_id
),

agent_days AS (
    SELECT
        agent_id,
        CAST(UNNEST(GENERATE_SERIES(first_date, last_date, INTERVAL 1 DAY)) AS DATE)
            AS created_date
    FROM agent_spans
),

filled_days AS (
    SELECT
        agent_days.agent_id,
        agent_days.created_date,
        COALESCE(daily_counts.runs, 0) AS runs,
        COALESCE(daily_counts.failed, 0) AS failed,
        COALESCE(daily_counts.terminal_runs, 0) AS terminal_runs
    FROM agent_days
    LEFT JOIN daily_counts
        ON daily_counts.agent_id IS NOT DISTINCT FROM agent_days.agent_id
        AND daily_counts.created_date = agent_days.created_date
),

rolling_sums AS (
    SELECT
        agent_id,
        created_date,
        runs,
        failed,
        terminal_runs,
        SUM(failed) OVER seven_days AS failed_7d,
        SUM(terminal_runs) OVER seven_days AS terminal_runs_7d
    FROM filled_days
    WINDOW seven_days AS (
        PARTITION BY agent_id
        ORDER BY created_date
        RANGE BETWEEN INTERVAL 6 DAYS PRECEDING AND CURRENT ROW
    )
),

daily_failure_rates AS (
    SELECT
        rolling_sums.agent_id,
        latest_agent_names.agent_name,
        CAST(created_date AS DATE) AS created_date,
        CAST(runs AS BIGINT) AS runs,
        CAST(failed AS BIGINT) AS failed,
        CAST(terminal_runs AS BIGINT) AS terminal_runs,
        CAST(failed AS DOUBLE) / NULLIF(terminal_runs, 0) AS failure_rate,
        CAST(failed_7d AS BIGINT) AS failed_7d,
        CAST(terminal_runs_7d AS BIGINT) AS terminal_runs_7d,
        CAST(failed_7d AS DOUBLE) / NULLIF(terminal_runs_7d, 0) AS failure_rate_7d
    FROM rolling_sums
    LEFT JOIN latest_agent_names USING (agent_id)
)

SELECT * FROM daily_failure_rates
ORDER BY agent_name ASC NULLS LAST, agent_id ASC NULLS LAST, created_date ASC
