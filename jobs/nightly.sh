#!/usr/bin/env bash
# Nightly export of a Duvo team's runs. Cron runs it (see jobs/crontab); it works from any
# current directory.
#
# Reads its settings from the environment, or from the file named by DUVO_ENV_FILE (lines of
# VAR=value: DUVO_API_KEY_FILE, DUVO_TEAM_ID, DUVO_EXPORT_DIR, ...). Logs to stdout and to
# $DUVO_LOG_DIR/export-YYYY-MM-DD.log (default: logs/ beside jobs/), and exits with the
# exporter's exit code (README: "Exit codes"). Extra arguments go to the export command, e.g.
# --mode=full --force.
set -uo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"

if [ -n "${DUVO_ENV_FILE:-}" ]; then
    if [ ! -r "$DUVO_ENV_FILE" ]; then
        echo "error: DUVO_ENV_FILE $DUVO_ENV_FILE cannot be read" >&2
        exit 2
    fi
    set -a
    # shellcheck disable=SC1090
    . "$DUVO_ENV_FILE"
    set +a
fi

jar="${DUVO_EXPORT_JAR:-$root/target/duvo-runs-export.jar}"
java="${JAVA:-java}"
log_dir="${DUVO_LOG_DIR:-$root/logs}"
# a relative output root would depend on cron's current directory: anchor it here
export DUVO_EXPORT_DIR="${DUVO_EXPORT_DIR:-$root/out}"

mkdir -p "$log_dir" || { echo "error: cannot create log folder $log_dir" >&2; exit 2; }
log="$log_dir/export-$(date -u +%Y-%m-%d).log"

if [ ! -f "$jar" ]; then
    echo "error: $jar not found: run 'make build' in $root, or set DUVO_EXPORT_JAR" | tee -a "$log" >&2
    exit 2
fi

echo "=== $(date -u +%Y-%m-%dT%H:%M:%SZ) nightly export into $DUVO_EXPORT_DIR" >> "$log"
# shellcheck disable=SC2086
"$java" @"$here/jvm.options" ${JAVA_OPTS:--Xmx1g} -jar "$jar" export "$@" 2>&1 | tee -a "$log"
status="${PIPESTATUS[0]}"
echo "=== $(date -u +%Y-%m-%dT%H:%M:%SZ) exit $status" >> "$log"
exit "$status"
