#!/usr/bin/env bash
# Refresh the screenshots of the README (docs/screens/*.png) from a database
# with the demo data, in Odoo's test browser (headless Chromium, 1366x768).
#   - the database (default: event_leads, the one setup/run.sh serves) is
#     created as setup/run.sh does when missing: the addons, demo data and
#     Russian; nothing in it is changed (the screens are taken inside a test
#     transaction that is rolled back);
#   - the screens are listed in event_lead_reports/tests/test_screenshots.py
#     (test tag "screenshots", not part of the default test suite).
# Usage: setup/screenshots.sh
#   DB_NAME (default event_leads), LANG_CODE (default ru_RU), HTTP_PORT of the
#   test server (default 8269), EL_SCREENSHOTS_DIR (default docs/screens).
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

DB_NAME="${DB_NAME:-event_leads}"
LANG_CODE="${LANG_CODE:-ru_RU}"
export HTTP_PORT="${HTTP_PORT:-8269}"
export EL_SCREENSHOTS_DIR="${EL_SCREENSHOTS_DIR:-$REPO_DIR/docs/screens}"

prepare_all
command -v chromium >/dev/null 2>&1 || command -v google-chrome >/dev/null 2>&1 \
    || die "Chromium is needed for the screenshots (apt-get install chromium)"
db_exists "$DB_NAME" || create_demo_db "$DB_NAME" "$LANG_CODE"

logfile="$EL_DATA_DIR/screenshots.log"
rm -f "$logfile"
log "taking the screenshots on $DB_NAME into $EL_SCREENSHOTS_DIR (log: $logfile)"
odoo_cmd -d "$DB_NAME" --test-enable --test-tags screenshots --stop-after-init \
    --http-port="$HTTP_PORT" --logfile="$logfile" --log-level=info || true
[ -f "$logfile" ] || die "Odoo did not start to take the screenshots (see above)"
if grep -qE ' (ERROR|CRITICAL) ' "$logfile" || ! grep -q 'screenshot .*12_dashboard' "$logfile"; then
    grep -E ' (WARNING|ERROR|CRITICAL) |^FAILED|Element' "$logfile" | head -20 >&2 || true
    die "the screenshots were not all taken (log: $logfile)"
fi
grep -o 'screenshot .*' "$logfile" >&2
du -ch "$EL_SCREENSHOTS_DIR"/*.png | tail -1 >&2
