#!/usr/bin/env bash
# Back up an Odoo database and its filestore into one dated archive.
# The archive is Odoo's own backup format (a zip with dump.sql, the filestore
# and manifest.json, made by `odoo-bin db dump`), so it can also be restored
# from Odoo's database manager (/web/database/manager).
#
# Usage: setup/backup.sh [DB_NAME] [DIR]
#   DB_NAME  database to back up (default: $DB_NAME or event_leads)
#   DIR      where to write the archive (default: ./backups)
# Prints the archive's path on the last line.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

DB="${1:-${DB_NAME:-event_leads}}"
DIR="${2:-$REPO_DIR/backups}"

prepare_all
db_exists "$DB" || die "database '$DB' does not exist (setup/backup.sh [DB_NAME] [DIR])"
mkdir -p "$DIR"
ARCHIVE="$(cd "$DIR" && pwd)/${DB}_$(date +%Y-%m-%d_%H%M%S).zip"
[ -e "$ARCHIVE" ] && die "$ARCHIVE already exists"
log "backing up database $DB and its filestore"
odoo_sub db dump "$DB" "$ARCHIVE.part" || die "the backup of $DB failed"
[ -s "$ARCHIVE.part" ] || die "the backup of $DB failed"
"$VENV/bin/python" - "$ARCHIVE.part" <<'PY' || die "the archive is incomplete"
import sys, zipfile
names = set(zipfile.ZipFile(sys.argv[1]).namelist())
missing = {"dump.sql", "manifest.json"} - names
sys.exit(f"missing {sorted(missing)}" if missing else 0)
PY
mv "$ARCHIVE.part" "$ARCHIVE"
log "backup written: $(du -h "$ARCHIVE" | cut -f1) in"
echo "$ARCHIVE"
