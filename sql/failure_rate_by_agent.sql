-- Report: failure_rate_by_agent
--
-- Question: of the runs each agent brought to an end, what share failed? Runs still in flight,
--           runs waiting for a person and runs in a status this report does not know are
--           counted beside the rate, never in it.
-- Grain:    one row per agent_id over the whole dataset. Runs without an agent_id share one row
--           whose agent_id and agent_name are NULL.
-- Order:    failure_rate descending (NULL last), then agent_name, then agent_id.
-- Statuses are compared exactly as exported (lowercase); a NULL status counts as other_status.
--
-- Columns:
--   agent_id         VARCHAR  the agent
--   agent_name       VARCHAR  the agent's latest name: from its most recently created run that
--                             has a name (ties broken by the larger run id)
--   runs             BIGINT   all runs of the agent
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

agent_runs AS NOT MATERIALIZED (
    SELECT id, agent_id, agent_name, status, created_at
    FROM runs
),

latest_named_runs AS (
    SELECT agent_id, MAX(created_at) AS created_at
    FROM agent_runs
    WHERE agent_id IS NOT NULL AND agent_name IS NOT NULL
    GROUP BY agent_id
),

latest_agent_names AS (
    SELECT agent_runs.agent_id, ARG_MAX(agent_runs.agent_name, agent_runs.id) AS agent_name
    FROM agent_runs
    JOIN latest_named_runs
        ON agent_runs.agent_id = latest_named_runs.agent_id
        AND agent_runs.created_at = latest_named_runs.created_at
    WHERE agent_runs.agent_name IS NOT NULL
    GROUP BY agent_runs.agent_id
),

runs_by_status AS (
    SELECT agent_id, status, COUNT(*) AS runs
    FROM agent_runs
    GROUP BY agent_id, status
),

classified_runs AS (
    SELECT
        agent_id,
        status,
        runs,
        CASE
            WHEN status IN ('completed', 'failed', 'interrupted', 'stopped') THEN 'terminal'
            WHEN status = 'needs_attention' THEN 'needs_attention'
            WHEN status IN ('not_started', 'pending', 'starting', 'running', 'waiting')
                THEN 'in_flight'
            ELSE 'other'
        END AS status_group
    FROM runs_by_status
),

status_counts AS (
    SELECT
        agent_id,
        SUM(runs) AS runs,
        COALESCE(SUM(runs) FILTER (WHERE status = 'completed'), 0) AS completed,
        COALESCE(SUM(runs) FILTER (WHERE status = 'failed'), 0) AS failed,
        COALESCE(SUM(runs) FILTER (WHERE status = 'interrupted'), 0) AS interrupted,
        COALESCE(SUM(runs) FILTER (WHERE status = 'stopped'), 0) AS stopped,
        COALESCE(SUM(runs) FILTER (WHERE status_group = 'terminal'), 0) AS terminal_runs,
        COALESCE(SUM(runs) FILTER (WHERE status_group = 'needs_attention'), 0)
            AS needs_attention,
        COALESCE(SUM(runs) FILTER (WHERE status_group = 'in_flight'), 0) AS in_flight,
        COALESCE(SUM(runs) FILTER (WHERE status_group = 'other'), 0) AS other_status
    FROM classified_runs
    GROUP BY agent_id
),

failure_rates AS (
    SELECT
        status_counts.agent_id,
        latest_agent_names.agent_name,
        CAST(runs AS BIGINT) AS runs,
        CAST(completed AS BIGINT) AS completed,
        CAST(failed AS BIGINT) AS failed,
        CAST(interrupted AS BIGINT) AS interrupted,
        CAST(stopped AS BIGINT) AS stopped,
        CAST(terminal_runs AS BIGINT) AS terminal_runs,
        CAST(needs_attention AS BIGINT) AS needs_attention,
        CAST(in_flight AS BIGINT) AS in_flight,
        CAST(other_status AS BIGINT) AS other_status,
        CAST(failed AS DOUBLE) / NULLIF(terminal_runs, 0) AS failure_rate
    FROM status_counts
    LEFT JOIN latest_agent_names USING (agent_id)
)

SELECT * FROM failure_rates
ORDER BY failure_rate DESC NULLS LAST, agent_name ASC NULLS LAST, agent_id ASC NULLS LAST
