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
#   (default ru_RU: Russian is loaded next to English; the admin's language).
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

DB_NAME="${DB_NAME:-event_leads}"
HTTP_PORT="${HTTP_PORT:-8069}"
LANG_CODE="${LANG_CODE:-ru_RU}"
export HTTP_PORT

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
  (demo users, all with password = login: see README.md)

EOF2
exec "$VENV/bin/python" "${ODOO_BIN[@]}" -c "$ODOO_CONF" -d "$DB_NAME" --db-filter="^$DB_NAME\$" "$@"
