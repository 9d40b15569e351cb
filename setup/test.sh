#!/usr/bin/env bash
# Run every check of the project on a fresh throw-away database:
#   1. static checks: Python compiles, ruff (lint and format), XML
#      well-formed, .po files valid, addon READMEs in sync, pylint-odoo with OCA's mandatory checks (zero
#      messages);
#   2. install matrix (skipped with --quick): each addon alone and all three
#      together, with and without demo data, and all three with the bridges
#      (demo data), with no WARNING/ERROR in the log;
#   3. the Odoo test suite of the three addons and the bridges, installed
#      with the Odoo apps the bridges extend (odoo-bin --test-tags, the
#      at_install and post_install tests, browser tours in Chromium);
#      then the translations: .pot up to date and ru.po complete;
#   4. the cross-addon scenarios of tests/ through pytest-odoo, with an HTTP
#      server for browser tests.
# Exits non-zero on any failure; ends with the runners' summary lines.
#
# Usage: setup/test.sh [--quick] [--keep-db] [-- extra pytest arguments]
#   --quick    skip the install matrix (for quick iterations)
#   --keep-db  keep the test database afterwards (printed at the end)
#   TEST_TAGS  environment variable: override odoo-bin's --test-tags
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

QUICK=0
KEEP_DB=0
PYTEST_ARGS=()
while [ $# -gt 0 ]; do
    case "$1" in
        --quick) QUICK=1 ;;
        --keep-db) KEEP_DB=1 ;;
        --) shift; PYTEST_ARGS=("$@"); break ;;
        *) die "unknown argument $1 (usage: setup/test.sh [--quick] [--keep-db] [-- pytest args])" ;;
    esac
    shift
done

prepare_all
cd "$REPO_DIR"
LOG_DIR="$EL_DATA_DIR/test-logs"
rm -rf "$LOG_DIR"
mkdir -p "$LOG_DIR"
PY="$VENV/bin/python"
IFS=, read -r -a ADDON_LIST <<< "$ADDONS"
IFS=, read -r -a BRIDGE_LIST <<< "$BRIDGES"
CODE_LIST=("${ADDON_LIST[@]}" "${BRIDGE_LIST[@]}")

# --------------------------------------------------------------- 1. static
log "static checks"
"$PY" -m compileall -q "${CODE_LIST[@]}" tests setup >/dev/null || die "Python files do not compile"
"$PY" "$REPO_DIR/setup/static_checks.py" "${CODE_LIST[@]}" || die "static checks failed"
"$VENV/bin/ruff" check --no-fix --quiet "${CODE_LIST[@]}" tests setup || die "ruff found problems (ruff check --fix)"
"$VENV/bin/ruff" format --check --quiet "${CODE_LIST[@]}" tests setup || die "ruff format: files need formatting (ruff format)"
"$VENV/bin/pylint" --rcfile="$REPO_DIR/setup/pylintrc" "${CODE_LIST[@]}" \
    || die "pylint-odoo reported messages (see above)"
log "static checks passed"

# Fail when an Odoo log holds a warning or an error. Odoo's own test runner
# reports its failures separately; this catches what it lets through
# (deprecations, missing access rules, view warnings, ...).
check_log() {
    local logfile="$1" what="$2"
    local bad
    bad=$(grep -E '^[0-9-]+ [0-9:,]+ [0-9]+ (WARNING|ERROR|CRITICAL) ' "$logfile" \
          | grep -v 'Running as user .root. is a security risk' || true)
    if [ -n "$bad" ]; then
        printf '%s\n' "$bad" | head -40 >&2
        die "$what: the log above holds warnings or errors (full log: $logfile)"
    fi
}

# Databases with only Odoo's own modules that our addons depend on, one with
# and one without demo data, and the same with the apps the bridges extend.
# They are templates: every database under test is a fresh copy with our
# addons installed on top. They are keyed by the Odoo tree and the dependency
# lists, so a change of either rebuilds them.
odoo_deps() {
    "$PY" - "$@" <<'EOF'
import ast, pathlib, sys
ours = set(sys.argv[1:])
deps = set()
for addon in ours:
    manifest = ast.literal_eval(pathlib.Path(addon, "__manifest__.py").read_text())
    deps.update(manifest.get("depends", []))
print(",".join(sorted(deps - ours)))
EOF
}
DEPS=$(odoo_deps "${ADDON_LIST[@]}")
BRIDGE_DEPS=$(odoo_deps "${CODE_LIST[@]}")
TPL_KEY=$( (echo "$DEPS"; cat "$ODOO_SRC/odoo/release.py"; "$PY" -m pip freeze 2>/dev/null | grep -i "^odoo-addon" || true) | sha1sum | cut -c1-8)
BRIDGE_TPL_KEY=$( (echo "$BRIDGE_DEPS"; echo "$TPL_KEY") | sha1sum | cut -c1-8)

ensure_template() {   # $1 = demo|nodemo, $2 = bridges for the apps of the bridges
    local tpl="el_tpl_${TPL_KEY}_$1" deps="$DEPS"
    if [ "${2:-}" = bridges ]; then
        tpl="el_tpl_${BRIDGE_TPL_KEY}_bridges_$1"; deps="$BRIDGE_DEPS"
    fi
    TEMPLATE="$tpl"
    db_exists "$tpl" && return 0
    # several test runs on one machine: one builds, the others wait
    exec 9>"${TMPDIR:-/tmp}/event-leads-$tpl.lock"
    flock 9
    if db_exists "$tpl"; then exec 9>&-; return 0; fi
    log "building template database $tpl (Odoo modules: $deps)"
    local demo_flag=() logfile="$LOG_DIR/template_${2:+bridges_}$1.log"
    [ "$1" = demo ] && demo_flag=(--with-demo)
    drop_db "$tpl.tmp"
    odoo_cmd -d "$tpl.tmp" -i "$deps" "${demo_flag[@]}" --stop-after-init \
        --logfile="$logfile" --log-level=warn \
        || die "installing Odoo's modules failed (log: $logfile)"
    check_log "$logfile" "installing Odoo's own modules"
    psql_cmd -d postgres -qc "ALTER DATABASE \"$tpl.tmp\" RENAME TO \"$tpl\"" >/dev/null
    exec 9>&-
}

fresh_db() {   # $1 = name, $2 = demo|nodemo, $3 = bridges (optional)
    ensure_template "$2" "${3:-}"
    drop_db "$1"
    psql_cmd -d postgres -qc "CREATE DATABASE \"$1\" TEMPLATE \"$TEMPLATE\"" >/dev/null
    # the filestore of the template goes with it
    if [ -d "$EL_DATA_DIR/data/filestore/$TEMPLATE" ]; then
        rm -rf "$EL_DATA_DIR/data/filestore/$1"
        cp -r "$EL_DATA_DIR/data/filestore/$TEMPLATE" "$EL_DATA_DIR/data/filestore/$1"
    fi
}

drop_test_db() {
    drop_db "$1"
    rm -rf "$EL_DATA_DIR/data/filestore/$1"
}

# ------------------------------------------------------ 2. install matrix
if [ "$QUICK" = 0 ]; then
    for demo in nodemo demo; do
        for target in "${ADDON_LIST[@]}" "$ADDONS"; do
            name="el_install_${demo}_$$"
            label="install of ${target//,/ + } ($demo)"
            fresh_db "$name" "$demo"
            logfile="$LOG_DIR/install_${demo}_${target//,/_}.log"
            odoo_cmd -d "$name" -i "$target" --stop-after-init --logfile="$logfile" --log-level=info \
                || die "$label failed (log: $logfile)"
            check_log "$logfile" "$label"
            log "$label: clean"
            drop_test_db "$name"
        done
    done
    name="el_install_bridges_$$"
    label="install of all + bridges (demo)"
    fresh_db "$name" demo bridges
    logfile="$LOG_DIR/install_demo_all_bridges.log"
    odoo_cmd -d "$name" -i "$ADDONS,$BRIDGES" --stop-after-init --logfile="$logfile" --log-level=info \
        || die "$label failed (log: $logfile)"
    check_log "$logfile" "$label"
    log "$label: clean"
    drop_test_db "$name"
fi

# ------------------------------------------------ 3. Odoo's test runner
free_port() { "$PY" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
TEST_DB="el_test_$$"
cleanup() { [ "$KEEP_DB" = 1 ] || drop_test_db "$TEST_DB"; }
trap cleanup EXIT
fresh_db "$TEST_DB" nodemo bridges
TAGS="${TEST_TAGS:-$(printf '/%s,' "${CODE_LIST[@]}" | sed 's/,$//')}"
log "Odoo test suite of $ADDONS,$BRIDGES (--test-tags $TAGS) on $TEST_DB"
ODOO_LOG="$LOG_DIR/odoo_tests.log"
set +e
odoo_cmd -d "$TEST_DB" -i "$ADDONS,$BRIDGES" --test-enable --test-tags "$TAGS" --stop-after-init \
    --log-level=test --logfile="$ODOO_LOG" --http-port="${TEST_HTTP_PORT:-$(free_port)}"
ODOO_RC=$?
set -e
grep -E ' (ERROR|CRITICAL|FAIL)[: ]' "$ODOO_LOG" | head -60 >&2 || true
ODOO_SUMMARY=$(grep -E 'odoo\.tests\.result: .*tests when loading database' "$ODOO_LOG" | tail -1 | sed 's/.*odoo\.tests\.result: //')
[ -n "$ODOO_SUMMARY" ] || ODOO_SUMMARY="no test summary found (see $ODOO_LOG)"
if [ "$ODOO_RC" != 0 ]; then
    die "Odoo test suite failed: $ODOO_SUMMARY (full log: $ODOO_LOG)"
fi
check_log "$ODOO_LOG" "Odoo test suite"

log "translations: every string of the installed addons is in the .pot and translated in ru.po"
export_pot "$TEST_DB" "$EL_DATA_DIR/i18n-check" "$ADDONS,$BRIDGES" >/dev/null
"$PY" setup/i18n_tool.py check "$EL_DATA_DIR/i18n-check" "${CODE_LIST[@]}" \
    || die "translations are incomplete (setup/i18n.sh refreshes the .pot and ru.po)"

# ------------------------------------------------- 4. pytest-odoo: tests/
log "cross-addon scenarios (tests/) through pytest-odoo on $TEST_DB"
set +e
"$VENV/bin/pytest" -c "$REPO_DIR/tests/pytest.ini" "$REPO_DIR/tests" \
    --odoo-config="$ODOO_CONF" --odoo-database="$TEST_DB" --odoo-http \
    --odoo-log-level=warn "${PYTEST_ARGS[@]}"
PYTEST_RC=$?
set -e
# no tests collected (5) means nothing to run in tests/ yet: not a failure
if [ "$PYTEST_RC" != 0 ] && [ "$PYTEST_RC" != 5 ]; then
    die "pytest-odoo failed (exit $PYTEST_RC)"
fi

[ "$KEEP_DB" = 1 ] && log "test database kept: $TEST_DB"
log "Odoo runner: $ODOO_SUMMARY"
log "ALL CHECKS PASSED"
