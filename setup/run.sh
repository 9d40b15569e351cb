#!/usr/bin/env bash
# Start Odoo 19 with the three Event Leads addons and demo data.
#   - installs what is missing (PostgreSQL 15, a Python venv with Odoo's and
#     our requirements), locates Odoo 19 (ODOO_SRC, an importable odoo, or a
#     shallow clone when online), starts the local PostgreSQL;
#   - creates the database (default: event_leads) with the addons, demo data
#     and the Russian language if it does not exist; upgrades the addons if
#     it does;
#   - serves Odoo on http://127.0.0.1:8069.
# Usage: setup/run.sh [extra odoo-bin arguments]
#   DB_NAME (default event_leads), HTTP_PORT (default 8069), LANG_CODE
#   (default ru_RU: Russian is loaded next to English; the admin's language),
#   WORKERS (default 0: one process with threads, Odoo's default; N > 0:
#   Odoo's prefork mode with N HTTP worker processes, cron workers and
#   memory and time limits, see README.md, "Deployment at scale"),
#   CRON_WORKERS (default 1 in prefork mode), GEVENT_PORT (default 8072:
#   the websocket/bus port of prefork mode).
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

DB_NAME="${DB_NAME:-event_leads}"
HTTP_PORT="${HTTP_PORT:-8069}"
LANG_CODE="${LANG_CODE:-ru_RU}"
WORKERS="${WORKERS:-0}"
export HTTP_PORT

# Prefork mode (WORKERS=N): N HTTP worker processes and CRON_WORKERS cron
# processes, each recycled by Odoo when it passes its memory or time limit.
# Sized for a machine of this project's size (2 cores, 23 GB of RAM): a
# worker past 2 GB finishes its request and is replaced, one past 2.5 GB is
# stopped at once; a request may run 10 minutes (a report over a million
# results), 5 of them on the CPU. Odoo's rule of thumb is 2 workers per core
# plus one: WORKERS=5 here. More cores, more workers; more servers, see the README.
server_args=()
if [ "$WORKERS" -gt 0 ] 2>/dev/null; then
    server_args=(--workers="$WORKERS" --max-cron-threads="${CRON_WORKERS:-1}"
                 --gevent-port="${GEVENT_PORT:-8072}"
                 --limit-memory-soft=$((2048 * 1024 * 1024)) --limit-memory-hard=$((2560 * 1024 * 1024))
                 --limit-time-cpu=300 --limit-time-real=600 --limit-request=8192)
elif [ "$WORKERS" != 0 ]; then
    die "WORKERS must be a number (0: one process, N: N worker processes), not '$WORKERS'"
fi

prepare_all
if db_exists "$DB_NAME"; then
    log "database $DB_NAME exists: updating the addons"
    odoo_cmd -d "$DB_NAME" -u "$ADDONS" --stop-after-init --log-level=warn
else
    create_demo_db "$DB_NAME" "$LANG_CODE"
fi

cat >&2 <<EOF2

  Event Leads is starting on  http://127.0.0.1:$HTTP_PORT
  database: $DB_NAME    login: admin    password: admin
  $( [ "$WORKERS" -gt 0 ] && echo "prefork mode: $WORKERS HTTP workers, ${CRON_WORKERS:-1} cron worker(s), bus on port ${GEVENT_PORT:-8072}" || echo "one process (WORKERS=N for N worker processes)")
  (demo users, all with password = login: see README.md)

EOF2
exec "$VENV/bin/python" "${ODOO_BIN[@]}" -c "$ODOO_CONF" -d "$DB_NAME" --db-filter="^$DB_NAME\$" "${server_args[@]}" "$@"
