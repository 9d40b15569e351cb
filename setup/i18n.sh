#!/usr/bin/env bash
# Developer tool: refresh each addon's i18n/<addon>.pot from a fresh database
# with the three addons (and the bridges) and merge the new strings into i18n/ru.po (empty, to be
# translated; setup/test.sh fails while any is untranslated).
# Usage: setup/i18n.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
prepare_all
cd "$REPO_DIR"
DB=el_i18n_$$
EXPORT="$EL_DATA_DIR/i18n-export"
trap 'drop_db "$DB"; rm -rf "$EL_DATA_DIR/data/filestore/$DB"' EXIT
psql_cmd -d postgres -qc "CREATE DATABASE \"$DB\""
odoo_cmd -d "$DB" -i "$ADDONS,$BRIDGES" --stop-after-init --log-level=warn || die "installing the addons failed"
export_pot "$DB" "$EXPORT" "$ADDONS,$BRIDGES"
IFS=, read -r -a list <<< "$ADDONS,$BRIDGES"
ODOO_SRC="$ODOO_SRC" "$VENV/bin/python" setup/i18n_tool.py merge "$EXPORT" "${list[@]}"
