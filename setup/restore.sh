#!/usr/bin/env bash
# Restore an archive made by setup/backup.sh (or Odoo's database manager) into
# a NEW database, with its filestore. An existing database is never
# overwritten.
#
# Usage: setup/restore.sh ARCHIVE [NEW_DB_NAME]
#   NEW_DB_NAME defaults to the archive's name without .zip
#   (event_leads_2026-11-23_101500). Start Odoo on it with
#   DB_NAME=<NEW_DB_NAME> setup/run.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

[ $# -ge 1 ] || die "usage: setup/restore.sh ARCHIVE [NEW_DB_NAME]"
ARCHIVE="$1"
[ -f "$ARCHIVE" ] || die "no such archive: $ARCHIVE"
NEW_DB="${2:-$(basename "$ARCHIVE" .zip)}"

prepare_all
db_exists "$NEW_DB" && die "database '$NEW_DB' already exists: choose another name (setup/restore.sh ARCHIVE NEW_DB_NAME)"
log "restoring $ARCHIVE into the new database $NEW_DB"
odoo_sub db load "$NEW_DB" "$ARCHIVE" || die "the restore of $ARCHIVE failed"
db_exists "$NEW_DB" || die "the restore of $ARCHIVE failed"
[ "$(psql_cmd -d "$NEW_DB" -tAc "SELECT count(*) FROM ir_module_module WHERE state = 'installed'")" -gt 0 ] \
    || die "the restored database $NEW_DB holds no Odoo installation"
log "restored: start it with DB_NAME=$NEW_DB setup/run.sh"
echo "$NEW_DB"
