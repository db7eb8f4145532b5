#!/usr/bin/env bash
# Backfill: rebuild the whole dataset, or refresh a range of creation dates, outside the nightly
# schedule. Same settings, lock, log and exit codes as jobs/nightly.sh. A backfill that failed or
# was killed resumes when the same command is run again; one that completed is redone.
#
#   jobs/backfill.sh full                      rebuild everything from every run
#   jobs/backfill.sh 2026-01-01 2026-03-31     refresh runs created in that range (UTC dates)
set -uo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

case "${1:-}" in
    full)
        exec "$here/nightly.sh" --mode=full --force
        ;;
    [0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9])
        if [ $# -ne 2 ]; then
            echo "error: a range backfill needs two dates: backfill.sh FROM TO" >&2
            exit 2
        fi
        exec "$here/nightly.sh" --from="$1" --to="$2" --force
        ;;
    *)
        echo "usage: backfill.sh full | backfill.sh FROM TO (dates as YYYY-MM-DD)" >&2
        exit 2
        ;;
esac
