#!/usr/bin/env bash
# Checks the nightly wrapper from outside the repository: it exports, logs to a dated file,
# and passes the exporter's exit code on. Needs the built jar (make build).
set -uo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
jar="$root/target/duvo-runs-export.jar"
work="$(mktemp -d)"
trap 'kill "$sim" 2>/dev/null; rm -rf "$work"' EXIT
failures=0

expect() { # expect CODE DESCRIPTION command...
    local want="$1" what="$2"
    shift 2
    "$@" > "$work/out.txt" 2>&1
    local got=$?
    if [ "$got" -ne "$want" ]; then
        echo "FAIL: $what: exit $got, expected $want"
        sed 's/^/    /' "$work/out.txt" | tail -5
        failures=$((failures + 1))
    else
        echo "ok:   $what (exit $got)"
    fi
}

java -jar "$jar" simulate --port 0 --runs 800 --days 10 > "$work/sim.env" 2> "$work/sim.log" &
sim=$!
for _ in $(seq 1 100); do grep -q DUVO_API_KEY "$work/sim.env" && break; sleep 0.2; done
set -a
# shellcheck disable=SC1091
. "$work/sim.env"
set +a

cd /
export DUVO_EXPORT_DIR="$work/out" DUVO_LOG_DIR="$work/logs"
expect 0 "nightly export against the simulator" "$root/jobs/nightly.sh"
log="$work/logs/export-$(date -u +%Y-%m-%d).log"
if ! grep -q "exported 800 runs" "$log"; then
    echo "FAIL: the dated log $log does not record the export"
    failures=$((failures + 1))
fi
expect 0 "a second run of the same night does nothing" "$root/jobs/nightly.sh"
expect 0 "range backfill" "$root/jobs/backfill.sh" 2026-01-01 2026-01-31
expect 2 "missing team" env -u DUVO_TEAM_ID "$root/jobs/nightly.sh" --force
DUVO_API_KEY=dv_wrong expect 3 "refused key" "$root/jobs/nightly.sh" --force
DUVO_BASE_URL=http://127.0.0.1:9 expect 4 "API down" "$root/jobs/nightly.sh" --force \
    --duvo.http.max-attempts=2 --duvo.http.initial-backoff=10ms
expect 2 "backfill without a second date" "$root/jobs/backfill.sh" 2026-01-01

[ "$failures" -eq 0 ] || { echo "$failures wrapper checks failed"; exit 1; }
