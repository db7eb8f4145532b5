-- Report: eval_pass_rate_by_agent
--
-- Question: how good is each agent's work by its evaluations? How many evaluation rubrics do
--           its runs pass, what share of its runs was never evaluated, and how many scored runs
--           have failing rubrics of each severity (critical, medium, low)?
-- Grain:    one row per agent_id over the whole dataset. Runs without an agent_id share one row
--           whose agent_id and agent_name are NULL.
-- Order:    pass_rate ascending (NULL last), then agent_name, then agent_id.
-- A run is scored when eval_status = 'ready' and eval_total > 0; rubric and severity figures
-- come from scored runs only. A scored run without eval_passed counts as passing none.
-- Every run is exactly one of: scored, never evaluated, unscored.
--
-- Columns:
--   agent_id               VARCHAR  the agent
--   agent_name             VARCHAR  the agent's latest name: from its most recently created run
--                                   that has a name (ties broken by the larger run id)
--   runs                   BIGINT   all runs of the agent
--   evaluated_runs         BIGINT   scored runs (eval_status = 'ready' and eval_total > 0)
--   never_evaluated        BIGINT   runs with no evaluation at all (eval_status NULL)
--   unscored_runs          BIGINT   runs with an evaluation that has no score yet: unavailable,
--                                   in_progress, ready without rubrics, or an unknown eval_status
--   rubrics_total          BIGINT   rubrics evaluated over scored runs (sum of eval_total)
--   rubrics_passed         BIGINT   rubrics passed over scored runs (sum of eval_passed)
--   rubrics_failed         BIGINT   rubrics_total - rubrics_passed
--   pass_rate              DOUBLE   rubrics_passed / rubrics_total; NULL when rubrics_total = 0
--   runs_with_failures     BIGINT   scored runs with at least one failing rubric
--   failing_run_share      DOUBLE   runs_with_failures / evaluated_runs; NULL when no scored run
--   runs_with_severity     BIGINT   scored runs whose evaluation has severity data (any of
--                                   eval_critical, eval_medium, eval_low not NULL)
--   runs_with_critical     BIGINT   scored runs with eval_critical > 0
--   runs_with_medium       BIGINT   scored runs with eval_medium > 0
--   runs_with_low          BIGINT   scored runs with eval_low > 0
--   critical_share         DOUBLE   runs_with_critical / runs_with_severity; NULL when that is 0
--   medium_share           DOUBLE   runs_with_medium / runs_with_severity; NULL when that is 0
--   low_share              DOUBLE   runs_with_low / runs_with_severity; NULL when that is 0
--   never_evaluated_share  DOUBLE   never_evaluated / runs, between 0 and 1

WITH

agent_runs AS (
    SELECT
        id,
        agent_id,
        agent_name,
        created_at,
        eval_status,
        eval_total,
        eval_passed,
        eval_critical,
        eval_medium,
        eval_low
    FROM runs
),

latest_agent_names AS (
    SELECT agent_id, agent_name
    FROM agent_runs
    WHERE agent_id IS NOT NULL AND agent_name IS NOT NULL
    QUALIFY ROW_NUMBER() OVER (PARTITION BY agent_id ORDER BY created_at DESC, id DESC) = 1
),

scored_runs AS (
    SELECT
        agent_id,
        eval_status IS NULL AS is_never_evaluated,
        COALESCE(eval_status = 'ready' AND eval_total > 0, FALSE) AS is_scored,
        eval_total,
        COALESCE(eval_passed, 0) AS eval_passed,
        COALESCE(eval_critical, eval_medium, eval_low) IS NOT NULL AS has_severity,
        COALESCE(eval_critical > 0, FALSE) AS has_critical,
        COALESCE(eval_medium > 0, FALSE) AS has_medium,
        COALESCE(eval_low > 0, FALSE) AS has_low
    FROM agent_runs
),

agent_totals AS (
    SELECT
        agent_id,
        COUNT(*) AS runs,
        COUNT(*) FILTER (WHERE is_scored) AS evaluated_runs,
        COUNT(*) FILTER (WHERE is_never_evaluated) AS never_evaluated,
        COUNT(*) FILTER (WHERE NOT is_scored AND NOT is_never_evaluated) AS unscored_runs,
        COALESCE(SUM(eval_total) FILTER (WHERE is_scored), 0) AS rubrics_total,
        COALESCE(SUM(eval_passed) FILTER (WHERE is_scored), 0) AS rubrics_passed,
        COUNT(*) FILTER (WHERE is_scored AND eval_passed < eval_total) AS runs_with_failures,
        COUNT(*) FILTER (WHERE is_scored AND has_severity) AS runs_with_severity,
        COUNT(*) FILTER (WHERE is_scored AND has_critical) AS runs_with_critical,
        COUNT(*) FILTER (WHERE is_scored AND has_medium) AS runs_with_medium,
        COUNT(*) FILTER (WHERE is_scored AND has_low) AS runs_with_low
    FROM scored_runs
    GROUP BY agent_id
),

pass_rates AS (
    SELECT
        agent_totals.agent_id,
        latest_agent_names.agent_name,
        CAST(runs AS BIGINT) AS runs,
        CAST(evaluated_runs AS BIGINT) AS evaluated_runs,
        CAST(never_evaluated AS BIGINT) AS never_evaluated,
        CAST(unscored_runs AS BIGINT) AS unscored_runs,
        CAST(rubrics_total AS BIGINT) AS rubrics_total,
        CAST(rubrics_passed AS BIGINT) AS rubrics_passed,
        CAST(rubrics_total - rubrics_passed AS BIGINT) AS rubrics_failed,
        CAST(rubrics_passed AS DOUBLE) / NULLIF(rubrics_total, 0) AS pass_rate,
        CAST(runs_with_failures AS BIGINT) AS runs_with_failures,
        CAST(runs_with_failures AS DOUBLE) / NULLIF(evaluated_runs, 0) AS failing_run_share,
        CAST(runs_with_severity AS BIGINT) AS runs_with_severity,
        CAST(runs_with_critical AS BIGINT) AS runs_with_critical,
        CAST(runs_with_medium AS BIGINT) AS runs_with_medium,
        CAST(runs_with_low AS BIGINT) AS runs_with_low,
        CAST(runs_with_critical AS DOUBLE) / NULLIF(runs_with_severity, 0) AS critical_share,
        CAST(runs_with_medium AS DOUBLE) / NULLIF(runs_with_severity, 0) AS medium_share,
        CAST(runs_with_low AS DOUBLE) / NULLIF(runs_with_severity, 0) AS low_share,
        CAST(never_evaluated AS DOUBLE) / NULLIF(runs, 0) AS never_evaluated_share
    FROM agent_totals
    LEFT JOIN latest_agent_names USING (agent_id)
)

SELECT * FROM pass_rates
ORDER BY pass_rate ASC NULLS LAST, agent_name ASC NULLS LAST, agent_id ASC NULLS LAST
