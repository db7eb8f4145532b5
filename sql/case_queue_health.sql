-- Report: case_queue_health
--
-- Question: how much work is in each case queue, in which status, how long has the oldest run
--           still in flight been waiting, and how many runs are postponed to a later time?
-- Grain:    one row per case_queue_id. Runs outside any case queue share one row whose
--           case_queue_id and case_queue_name are NULL.
-- Order:    case_queue_name, then case_queue_id (runs outside any queue last).
-- Ages and "later" are measured against exported_at, the time the export that wrote the
-- dataset began (the largest exported_at of the dataset), not against the time the report
-- runs: the same dataset always gives the same figures.
-- In flight means not_started, pending, starting, running or waiting, as in
-- failure_rate_by_agent; needs_attention is counted apart.
--
-- Columns:
--   case_queue_id                 VARCHAR      the case queue
--   case_queue_name               VARCHAR      its latest name: from its most recently created
--                                              run that has one (ties broken by the larger id)
--   runs                          BIGINT       all runs of the queue
--   not_started                   BIGINT       runs in status not_started
--   pending                       BIGINT       runs in status pending
--   starting                      BIGINT       runs in status starting
--   running                       BIGINT       runs in status running
--   waiting                       BIGINT       runs in status waiting
--   needs_attention               BIGINT       runs in status needs_attention
--   completed                     BIGINT       runs in status completed
--   failed                        BIGINT       runs in status failed
--   interrupted                   BIGINT       runs in status interrupted
--   stopped                       BIGINT       runs in status stopped
--   other_status                  BIGINT       runs in any other status, or with no status
--   in_flight                     BIGINT       not_started + pending + starting + running +
--                                              waiting
--   oldest_in_flight_created_at   TIMESTAMPTZ  created_at of the oldest run in flight; NULL
--                                              when none is
--   oldest_in_flight_age_seconds  DOUBLE       exported_at - oldest_in_flight_created_at, in
--                                              seconds; NULL when no run is in flight
--   postponed_runs                BIGINT       runs whose postponed_to is after exported_at
--   exported_at                   TIMESTAMPTZ  the reference time of the ages: the largest
--                                              exported_at of the dataset

WITH

queue_runs AS (
    SELECT id, case_queue_id, case_queue_name, status, created_at, postponed_to, exported_at
    FROM runs
),

export_time AS (
    SELECT MAX(exported_at) AS exported_at
    FROM queue_runs
),

latest_queue_names AS (
    SELECT case_queue_id, case_queue_name
    FROM queue_runs
    WHERE case_queue_id IS NOT NULL AND case_queue_name IS NOT NULL
    QUALIFY ROW_NUMBER() OVER (PARTITION BY case_queue_id ORDER BY created_at DESC, id DESC) = 1
),

classified_runs AS (
    SELECT
        case_queue_id,
        status,
        created_at,
        COALESCE(
            status IN ('not_started', 'pending', 'starting', 'running', 'waiting'), FALSE
        ) AS is_in_flight,
        COALESCE(postponed_to > export_time.exported_at, FALSE) AS is_postponed
    FROM queue_runs
    CROSS JOIN export_time
),

queue_counts AS (
    SELECT
        case_queue_id,
        COUNT(*) AS runs,
        COUNT(*) FILTER (WHERE status = 'not_started') AS not_started,
        COUNT(*) FILTER (WHERE status = 'pending') AS pending,
        COUNT(*) FILTER (WHERE status = 'starting') AS starting,
        COUNT(*) FILTER (WHERE status = 'running') AS running,
        COUNT(*) FILTER (WHERE status = 'waiting') AS waiting,
        COUNT(*) FILTER (WHERE status = 'needs_attention') AS needs_attention,
        COUNT(*) FILTER (WHERE status = 'completed') AS completed,
        COUNT(*) FILTER (WHERE status = 'failed') AS failed,
        COUNT(*) FILTER (WHERE status = 'interrupted') AS interrupted,
        COUNT(*) FILTER (WHERE status = 'stopped') AS stopped,
        COUNT(*) FILTER (
            WHERE status IS NULL OR status NOT IN ('not_started', 'pending', 'starting',
                'running', 'waiting', 'needs_attention', 'completed', 'failed', 'interrupted',
                'stopped')
        ) AS other_status,
        COUNT(*) FILTER (WHERE is_in_flight) AS in_flight,
        MIN(created_at) FILTER (WHERE is_in_flight) AS oldest_in_flight_created_at,
        COUNT(*) FILTER (WHERE is_postponed) AS postponed_runs
    FROM classified_runs
    GROUP BY case_queue_id
),

queue_health AS (
    SELECT
        queue_counts.case_queue_id,
        latest_queue_names.case_queue_name,
        CAST(runs AS BIGINT) AS runs,
        CAST(not_started AS BIGINT) AS not_started,
        CAST(pending AS BIGINT) AS pending,
        CAST(starting AS BIGINT) AS starting,
        CAST(running AS BIGINT) AS running,
        CAST(waiting AS BIGINT) AS waiting,
        CAST(needs_attention AS BIGINT) AS needs_attention,
        CAST(completed AS BIGINT) AS completed,
        CAST(failed AS BIGINT) AS failed,
        CAST(interrupted AS BIGINT) AS interrupted,
        CAST(stopped AS BIGINT) AS stopped,
        CAST(other_status AS BIGINT) AS other_status,
        CAST(in_flight AS BIGINT) AS in_flight,
        CAST(oldest_in_flight_created_at AS TIMESTAMPTZ) AS oldest_in_flight_created_at,
        CAST(EPOCH_US(export_time.exported_at) - EPOCH_US(oldest_in_flight_created_at) AS DOUBLE)
            / 1000000 AS oldest_in_flight_age_seconds,
        CAST(postponed_runs AS BIGINT) AS postponed_runs,
        CAST(export_time.exported_at AS TIMESTAMPTZ) AS exported_at
    FROM queue_counts
    CROSS JOIN export_time
    LEFT JOIN latest_queue_names USING (case_queue_id)
)

SELECT * FROM queue_health
ORDER BY case_queue_name ASC NULLS LAST, case_queue_id ASC NULLS LAST
