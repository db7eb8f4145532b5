-- Report: data_quality_null_shares
--
-- Question: how often is each column of the dataset empty? A share that jumps from one night
--           to the next points at a change in the API or in the export.
-- Grain:    one row per column of runs (the dataset contract of README.md), whether or not the
--           dataset has rows.
-- Order:    the column's position in runs.
-- Many columns are empty by design for some runs (started_at before a run starts, the case
-- columns outside case queues, eval_* for runs never evaluated): the data dictionary says when.
--
-- Columns:
--   column_position  BIGINT   1 for the first column of runs, 2 for the next, ...
--   column_name      VARCHAR  the column
--   runs             BIGINT   rows of the dataset
--   null_runs        BIGINT   rows where the column is NULL
--   null_share       DOUBLE   null_runs / runs, between 0 and 1; NULL when runs = 0

WITH

run_columns AS (
    SELECT column_name, column_index
    FROM duckdb_columns()
    WHERE table_name = 'runs'
        AND database_name = current_database()
        AND schema_name = current_schema()
),

non_null_counts AS (
    UNPIVOT (SELECT COUNT(COLUMNS(*)) FROM runs)
    ON COLUMNS(*)
    INTO NAME column_name VALUE non_null_runs
),

row_count AS (
    SELECT COUNT(*) AS runs
    FROM runs
),

null_shares AS (
    SELECT
        CAST(run_columns.column_index AS BIGINT) AS column_position,
        run_columns.column_name,
        CAST(row_count.runs AS BIGINT) AS runs,
        CAST(row_count.runs - non_null_counts.non_null_runs AS BIGINT) AS null_runs,
        CAST(row_count.runs - non_null_counts.non_null_runs AS DOUBLE)
            / NULLIF(row_count.runs, 0) AS null_share
    FROM run_columns
    JOIN non_null_counts USING (column_name)
    CROSS JOIN row_count
)

SELECT * FROM null_shares
ORDER BY column_position ASC
