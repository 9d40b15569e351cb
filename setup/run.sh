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
    log "creating database $DB_NAME with $ADDONS and demo data (a few minutes)"
    # Odoo first, with the language, which becomes the administrator's: the
    # demo story is then told in it (Russian texts when it is Russian)
    odoo_cmd -d "$DB_NAME.tmp" -i base --with-demo --load-language="$LANG_CODE" \
        --stop-after-init --log-level=warn
    psql_cmd -d "$DB_NAME.tmp" -qc "UPDATE res_partner SET lang = '$LANG_CODE'
        WHERE id IN (SELECT partner_id FROM res_users WHERE login = 'admin'
                     UNION SELECT partner_id FROM res_company)"
    odoo_cmd -d "$DB_NAME.tmp" -i "$ADDONS" --stop-after-init --log-level=warn
    psql_cmd -d postgres -qc "ALTER DATABASE \"$DB_NAME.tmp\" RENAME TO \"$DB_NAME\""
    if [ -d "$EL_DATA_DIR/data/filestore/$DB_NAME.tmp" ]; then
        mv "$EL_DATA_DIR/data/filestore/$DB_NAME.tmp" "$EL_DATA_DIR/data/filestore/$DB_NAME"
    fi
fi

cat >&2 <<EOF2

  Event Leads is starting on  http://127.0.0.1:$HTTP_PORT
  database: $DB_NAME    login: admin    password: admin
  (demo users, all with password = login: see README.md)

EOF2
exec "$VENV/bin/python" "${ODOO_BIN[@]}" -c "$ODOO_CONF" -d "$DB_NAME" --db-filter="^$DB_NAME\$" "$@"
