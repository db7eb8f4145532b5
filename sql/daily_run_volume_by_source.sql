-- Report: daily_run_volume_by_source
--
-- Question: how many runs were created each day from each source (manual, api, schedule,
--           email, webhook, ...), and what share of the day's runs each source brought?
-- Grain:    one row per created_date and source that have at least one run. Runs without a
--           source share the row whose source is NULL. Summing runs over the days of one
--           source gives that source's volume; over the sources of one day, the day's volume.
-- Order:    created_date ascending, then source (NULL last).
-- Runs are dated by created_date (the UTC day of created_at), as in daily_run_outcomes.
--
-- Columns:
--   created_date  DATE     the UTC day the runs were created
--   source        VARCHAR  where the runs came from, exactly as exported
--   runs          BIGINT   runs created that day from that source
--   share_of_day  DOUBLE   runs / all runs created that day, between 0 and 1

WITH

sourced_runs AS (
    SELECT created_date, source
    FROM runs
),

source_counts AS (
    SELECT created_date, source, COUNT(*) AS runs
    FROM sourced_runs
    GROUP BY created_date, source
),

daily_volumes AS (
    SELECT
        CAST(created_date AS DATE) AS created_date,
        source,
        CAST(runs AS BIGINT) AS runs,
        CAST(runs AS DOUBLE) / SUM(runs) OVER (PARTITION BY created_date) AS share_of_day
    FROM source_counts
)

SELECT * FROM daily_volumes
ORDER BY created_date ASC, source ASC NULLS LAST
