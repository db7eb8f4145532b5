-- Report: data_quality_summary
--
-- Question: can the dataset be trusted tonight? Runs whose timestamps are out of order, runs
--           the export rejected for breaking the API contract, and the gap between the number
--           of runs the API said it had and the number of rows the export published.
-- Grain:    exactly one row, also for an empty dataset.
-- Timestamps are out of order when a run started before it was created, completed before it
--           started or before it was created, or was updated before it was created. Missing
--           timestamps are never out of order.
-- rejected_runs counts the lines of <output>/rejects.jsonl (the relation rejects); api_total
-- and rows_published come from <output>/manifest.json (the relation manifest) and are NULL
-- when the output has no manifest yet. They describe the last export as a whole, also when the
-- report command is given a filter.
-- The API's totals always count every run of the team (or of the export's filter), whatever
-- the export's mode. Only a full export publishes every run it lists, so only then is api_gap
-- the difference between the two; an incremental or range export publishes the runs of its
-- window of creation dates, which the totals do not describe, and its api_gap is NULL, with the
-- reason in api_gap_note (its window is start..end, or start..now when open-ended).
--
-- Columns:
--   exported_at               TIMESTAMPTZ  when the export that wrote the dataset began (the
--                                          largest exported_at); NULL for an empty dataset
--   runs                      BIGINT       rows of the dataset
--   started_before_created    BIGINT       runs with started_at < created_at
--   completed_before_started  BIGINT       runs with completed_at < started_at
--   completed_before_created  BIGINT       runs with completed_at < created_at
--   updated_before_created    BIGINT       runs with updated_at < created_at
--   out_of_order_runs         BIGINT       runs with at least one of the four above
--   rejected_runs             BIGINT       runs the export quarantined in rejects.jsonl
--   api_total                 BIGINT       runs the API's listings reported (sum of the
--                                          manifest's api_totals)
--   rows_published            BIGINT       rows the export published (manifest)
--   api_gap                   BIGINT       after a full export, api_total - rows_published:
--                                          runs listed but not published (rejects, runs
--                                          deleted or created while the export ran), negative
--                                          when more were published; NULL after an
--                                          incremental or range export, and before any export
--   api_gap_note              VARCHAR      what api_gap compares, or why it is NULL

WITH

run_timestamps AS (
    SELECT created_at, updated_at, started_at, completed_at, exported_at
    FROM runs
),

order_checks AS (
    SELECT
        started_at < created_at AS is_started_before_created,
        completed_at < started_at AS is_completed_before_started,
        completed_at < created_at AS is_completed_before_created,
        updated_at < created_at AS is_updated_before_created,
        exported_at
    FROM run_timestamps
),

order_counts AS (
    SELECT
        MAX(exported_at) AS exported_at,
        COUNT(*) AS runs,
        COUNT(*) FILTER (WHERE is_started_before_created) AS started_before_created,
        COUNT(*) FILTER (WHERE is_completed_before_started) AS completed_before_started,
        COUNT(*) FILTER (WHERE is_completed_before_created) AS completed_before_created,
        COUNT(*) FILTER (WHERE is_updated_before_created) AS updated_before_created,
        COUNT(*) FILTER (
            WHERE is_started_before_created OR is_completed_before_started
                OR is_completed_before_created OR is_updated_before_created
        ) AS out_of_order_runs
    FROM order_checks
),

reject_counts AS (
    SELECT COUNT(*) AS rejected_runs
    FROM rejects
),

manifest_totals AS (
    SELECT
        LIST_SUM(MAP_VALUES(api_totals)) AS api_total,
        rows_published,
        mode = 'full' AS is_full_export,
        mode,
        window_start,
        window_end
    FROM manifest
),

api_gaps AS (
    SELECT
        api_total,
        rows_published,
        CASE WHEN is_full_export THEN api_total - rows_published END AS api_gap,
        CASE
            WHEN is_full_export
                THEN 'full export: the API''s total against every row published'
            ELSE COALESCE(mode, 'unknown') || ' export of '
                || COALESCE(CAST(window_start AS VARCHAR), '?') || '..'
                || COALESCE(CAST(window_end AS VARCHAR), 'now')
                || ': not compared, the API''s total counts runs of every day and the export'
                || ' published only those created in its window'
        END AS api_gap_note
    FROM manifest_totals
),

quality_summary AS (
    SELECT
        CAST(order_counts.exported_at AS TIMESTAMPTZ) AS exported_at,
        CAST(runs AS BIGINT) AS runs,
        CAST(started_before_created AS BIGINT) AS started_before_created,
        CAST(completed_before_started AS BIGINT) AS completed_before_started,
        CAST(completed_before_created AS BIGINT) AS completed_before_created,
        CAST(updated_before_created AS BIGINT) AS updated_before_created,
        CAST(out_of_order_runs AS BIGINT) AS out_of_order_runs,
        CAST(rejected_runs AS BIGINT) AS rejected_runs,
        CAST(api_total AS BIGINT) AS api_total,
        CAST(rows_published AS BIGINT) AS rows_published,
        CAST(api_gap AS BIGINT) AS api_gap,
        CAST(COALESCE(api_gap_note, 'no export yet: no manifest to compare with')
            AS VARCHAR) AS api_gap_note
    FROM order_counts
    CROSS JOIN reject_counts
    LEFT JOIN api_gaps ON TRUE
)

SELECT * FROM quality_summary
