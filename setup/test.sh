#!/usr/bin/env bash
# Run every check of the project on a fresh throw-away database:
#   1. static checks: Python compiles, ruff (lint and format), XML
#      well-formed, .po files valid, addon READMEs in sync, every sudo() with its reason
#      (setup/sudo_audit.py), pylint-odoo with OCA's mandatory checks (zero
#      messages);
#   2. install matrix (skipped with --quick): each addon alone, all three
#      together, and all with the bridges (event_lead_followup_product...),
#      with and without demo data, with no WARNING/ERROR in the log (the
#      three with demo data in a Russian database, then the demo check of
#      their story, setup/demo_check.py); then on the demo database with
#      everything (English): the demo check, upgrade in place (-u) and uninstall
#      of each addon, each followed by a health check (views, menus,
#      actions, crons) in a fresh process; and the upgrade from the previous
#      release recorded in setup/previous_release, if any;
#   3. the Odoo test suite of the addons and bridges, installed with the Odoo
#      apps the bridges extend (odoo-bin --test-tags, the
#      at_install and post_install tests, browser tours in Chromium);
#      then the translations: .pot up to date and ru.po complete;
#   4. the cross-addon scenarios of tests/ through pytest-odoo, with an HTTP
#      server for browser tests; then two Odoo processes at the same moment on
#      one event, one campaign and the stale clients (setup/concurrency_check.py);
#   5. setup/backup.sh, drop, setup/restore.sh: the restored database must
#      match the original (row counts, key-table checksums, filestore files);
#   6. the coexistence gate (skipped with --quick): the test suites of the
#      Odoo apps our addons extend, on a database with these apps and on one
#      with our addons too; fails on any test that passes without our addons
#      and not with them (setup/coexistence.py). It runs in the background
#      during step 2 and its verdict is given at the end.
# Exits non-zero on any failure; ends with the runners' summary lines.
#
# Usage: setup/test.sh [--quick] [--keep-db] [--coexistence-only] [-- extra pytest arguments]
#   --quick    skip the install matrix and the coexistence gate (for quick iterations)
#   --keep-db  keep the test databases afterwards (printed at the end)
#   --coexistence-only  run only the coexistence gate (step 6)
#   TEST_TAGS  environment variable: override odoo-bin's --test-tags
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

QUICK=0
KEEP_DB=0
GATE_ONLY=0
PYTEST_ARGS=()
while [ $# -gt 0 ]; do
    case "$1" in
        --quick) QUICK=1 ;;
        --keep-db) KEEP_DB=1 ;;
        --coexistence-only) GATE_ONLY=1 ;;
        --) shift; PYTEST_ARGS=("$@"); break ;;
        *) die "unknown argument $1 (usage: setup/test.sh [--quick] [--keep-db] [--coexistence-only] [-- pytest args])" ;;
    esac
    shift
done

prepare_all
cd "$REPO_DIR"
LOG_DIR="$EL_DATA_DIR/test-logs"
if [ "$GATE_ONLY" = 1 ]; then
    rm -rf "$LOG_DIR/coexistence"   # the gate can run inside a full run: its logs only
else
    rm -rf "$LOG_DIR"
fi
mkdir -p "$LOG_DIR"
PY="$VENV/bin/python"
IFS=, read -r -a ADDON_LIST <<< "$ADDONS"
IFS=, read -r -a ALL_LIST <<< "$ALL_ADDONS"
IFS=, read -r -a BRIDGE_LIST <<< "$BRIDGES"

# --------------------------------------------------------------- 1. static
static_checks() {
    log "static checks"
    "$PY" -m compileall -q "${ALL_LIST[@]}" tests setup >/dev/null || die "Python files do not compile"
    "$PY" "$REPO_DIR/setup/static_checks.py" "${ALL_LIST[@]}" || die "static checks failed"
    "$PY" "$REPO_DIR/setup/sudo_audit.py" check "${ALL_LIST[@]}" \
        || die "a sudo() without its reason, or readme/SECURITY.md out of date (setup/sudo_audit.py)"
    "$VENV/bin/ruff" check --no-fix --quiet "${ALL_LIST[@]}" tests setup || die "ruff found problems (ruff check --fix)"
    "$VENV/bin/ruff" format --check --quiet "${ALL_LIST[@]}" tests setup || die "ruff format: files need formatting (ruff format)"
    "$VENV/bin/pylint" --rcfile="$REPO_DIR/setup/pylintrc" "${ALL_LIST[@]}" \
        || die "pylint-odoo reported messages (see above)"
    log "static checks passed"
}

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
# and one without demo data. They are templates: every database under test is
# a fresh copy with our addons installed on top. They are keyed by the Odoo
# tree and the dependency list, so a change of either rebuilds them.
odoo_deps() { "$PY" "$REPO_DIR/setup/odoo_deps.py" "$@"; }
DEPS=$(odoo_deps "${ADDON_LIST[@]}")
TPL_KEY=$( (echo "$DEPS"; echo "$EL_DATA_DIR"; cat "$ODOO_SRC/odoo/release.py"; "$PY" -m pip freeze 2>/dev/null | grep -i "^odoo-addon" || true) | sha1sum | cut -c1-8)
# the apps the bridges extend (product, sale, account...) get templates of their own
BRIDGE_DEPS=$(odoo_deps "${ALL_LIST[@]}")
BRIDGE_TPL_KEY=$( (echo "$BRIDGE_DEPS"; echo "$TPL_KEY") | sha1sum | cut -c1-8)

# A template is ready when PostgreSQL has it and its filestore is there
# (Odoo's apps always store files: images, icons).
template_ready() {   # $1 = template database
    db_exists "$1" && [ -d "$EL_DATA_DIR/data/filestore/$1" ]
}

ensure_template() {   # $1 = demo|nodemo, $2 = bridges for the apps of the bridges
    local tpl="el_tpl_${TPL_KEY}_$1" deps="$DEPS"
    if [ "${2:-}" = bridges ]; then
        tpl="el_tpl_${BRIDGE_TPL_KEY}_bridges_$1"; deps="$BRIDGE_DEPS"
    fi
    TEMPLATE="$tpl"
    template_ready "$tpl" && return 0
    # several test runs on one machine: one builds, the others wait
    exec 9>"${TMPDIR:-/tmp}/event-leads-$tpl.lock"
    flock 9
    if template_ready "$tpl"; then exec 9>&-; return 0; fi
    # a template whose files are gone (its data directory was removed while
    # PostgreSQL kept the database) would give copies without their files
    drop_db "$tpl"
    log "building template database $tpl (Odoo modules: $deps)"
    local demo_flag=() logfile="$LOG_DIR/template_${2:+bridges_}$1.log"
    [ "$1" = demo ] && demo_flag=(--with-demo)
    drop_db "$tpl.tmp"
    odoo_cmd -d "$tpl.tmp" -i "$deps" "${demo_flag[@]}" --stop-after-init \
        --logfile="$logfile" --log-level=warn \
        || die "installing Odoo's modules failed (log: $logfile)"
    check_log "$logfile" "installing Odoo's own modules"
    psql_cmd -d postgres -qc "ALTER DATABASE \"$tpl.tmp\" RENAME TO \"$tpl\"" >/dev/null
    if [ -d "$EL_DATA_DIR/data/filestore/$tpl.tmp" ]; then
        rm -rf "$EL_DATA_DIR/data/filestore/$tpl"
        mv "$EL_DATA_DIR/data/filestore/$tpl.tmp" "$EL_DATA_DIR/data/filestore/$tpl"
    fi
    exec 9>&-
}

# A copy of a database with its filestore (PostgreSQL's template copy).
copy_db() {   # $1 = source, $2 = copy (replaced if it exists)
    drop_test_db "$2"
    psql_cmd -d postgres -qc "CREATE DATABASE \"$2\" TEMPLATE \"$1\"" >/dev/null
    if [ -d "$EL_DATA_DIR/data/filestore/$1" ]; then
        cp -r "$EL_DATA_DIR/data/filestore/$1" "$EL_DATA_DIR/data/filestore/$2"
    fi
}

fresh_db() {   # $1 = name, $2 = demo|nodemo, $3 = bridges (optional)
    ensure_template "$2" "${3:-}"
    copy_db "$TEMPLATE" "$1"
}

drop_test_db() {
    drop_db "$1"
    rm -rf "$EL_DATA_DIR/data/filestore/$1"
}

# Health of a database in a fresh Odoo process: views, menus, actions, crons.
health_check() {   # $1 = database, $2 = what was done
    local out="$LOG_DIR/health_${1}.log"
    odoo_sub shell -d "$1" --log-level=warn --logfile="$out.odoo" < "$REPO_DIR/setup/health_check.py" > "$out" 2>&1 || true
    check_log "$out.odoo" "$2"
    grep -q '^HEALTH OK' "$out" || { cat "$out" >&2; die "$2: the database is not healthy (see above)"; }
}

# The demo story on a fresh demo database: every report has figures, no
# client twice with two owners; in a Russian one, a Russian company whose
# jobs and letters speak Russian (setup/demo_check.py).
demo_check() {   # $1 = database
    local out="$LOG_DIR/demo_check_${1}.log"
    odoo_sub shell -d "$1" --log-level=warn --logfile="$out.odoo" < "$REPO_DIR/setup/demo_check.py" > "$out" 2>&1 || true
    check_log "$out.odoo" "demo check"
    grep -q '^DEMO OK' "$out" || { cat "$out" >&2; die "demo data of $1: the demo check found problems (see above)"; }
    log "demo data of $1: every report shows figures, the story holds (setup/demo_check.py)"
}

# Lifecycle on a database with demo data and everything installed: upgrade
# in place, then uninstall each addon (on a copy) and check Odoo still works.
lifecycle_checks() {   # $1 = database
    local db="$1" logfile
    demo_check "$db"
    logfile="$LOG_DIR/lifecycle_upgrade.log"
    odoo_cmd -d "$db" -u "$ALL_ADDONS" --stop-after-init --logfile="$logfile" --log-level=info \
        || die "upgrade in place (-u) failed (log: $logfile)"
    check_log "$logfile" "upgrade in place"
    health_check "$db" "upgrade in place"
    log "upgrade in place (-u $ALL_ADDONS) on demo data: clean"
    local addon copy
    for addon in "${BRIDGE_LIST[@]}" event_lead_reports event_lead_tags event_lead_followup; do
        copy="${db}_uninstall"
        copy_db "$db" "$copy"
        logfile="$LOG_DIR/lifecycle_uninstall_$addon.log"
        printf '%s\n' "env['ir.module.module'].search([('name', '=', '$addon')]).button_immediate_uninstall()" \
            "env.cr.commit()" "print('UNINSTALLED')" \
            | odoo_sub shell -d "$copy" --log-level=info --logfile="$logfile" > "$logfile.out" 2>&1 || true
        grep -q UNINSTALLED "$logfile.out" || { tail -20 "$logfile" >&2; die "uninstalling $addon failed (log: $logfile)"; }
        check_log "$logfile" "uninstall of $addon"
        [ "$(psql_cmd -d "$copy" -tAc "SELECT state FROM ir_module_module WHERE name = '$addon'")" = uninstalled ] \
            || die "$addon is still installed after its uninstall"
        health_check "$copy" "uninstall of $addon"
        log "uninstall of $addon: Odoo still healthy"
        drop_test_db "$copy"
    done
}

# Upgrade from the previous release (setup/previous_release: "<version>
# <commit>"): its addons installed with demo data, then upgraded in place to
# the current code, whose migrations/ scripts must carry the data over.
upgrade_from_release() {
    local record="$REPO_DIR/setup/previous_release"
    if [ ! -s "$record" ]; then
        log "upgrade from a previous release: none recorded in setup/previous_release (first release)"
        return 0
    fi
    local version commit old_dir db="el_upgrade_$$" logfile
    read -r version commit < "$record"
    git -C "$REPO_DIR" cat-file -e "$commit^{commit}" 2>/dev/null \
        || die "setup/previous_release names commit $commit, which this clone does not have"
    old_dir="$EL_DATA_DIR/release-$version"
    rm -rf "$old_dir"; mkdir -p "$old_dir"
    git -C "$REPO_DIR" archive "$commit" | tar -x -C "$old_dir"
    local old_conf="$EL_DATA_DIR/odoo-release.conf"
    sed "s#^addons_path = .*#addons_path = $(grep '^addons_path' "$ODOO_CONF" | cut -d' ' -f3- | sed "s#$REPO_DIR#$old_dir#")#" \
        "$ODOO_CONF" > "$old_conf"
    fresh_db "$db" demo bridges
    logfile="$LOG_DIR/upgrade_release_install.log"
    local old_addons
    old_addons=$(cd "$old_dir" && ls -d event_lead_*/ | tr -d / | paste -sd,)
    "$VENV/bin/python" "${ODOO_BIN[@]}" -c "$old_conf" -d "$db" -i "$old_addons" --stop-after-init \
        --logfile="$logfile" --log-level=warn || die "installing release $version failed (log: $logfile)"
    # what the release holds: partners, deals, activities, contact results, letters, documents
    local counted="SELECT concat_ws('/', (SELECT count(*) FROM res_partner), (SELECT count(*) FROM crm_lead),
        (SELECT count(*) FROM mail_activity), (SELECT count(*) FROM event_lead_contact_result),
        (SELECT count(*) FROM event_lead_campaign_letter), (SELECT count(*) FROM event_lead_document))"
    local before after
    before=$(psql_cmd -d "$db" -tAc "$counted")
    # an administrator of the release had smaller batches for two jobs (their own parameters then)
    psql_cmd -d "$db" -qc "INSERT INTO ir_config_parameter (key, value) VALUES
        ('event_lead_tags.batch_size', '250'), ('event_lead_reports.reminder_batch_size', '300')"
    logfile="$LOG_DIR/upgrade_release.log"
    odoo_cmd -d "$db" -u "$old_addons" -i "$ALL_ADDONS" --stop-after-init --logfile="$logfile" --log-level=info \
        || die "upgrading release $version to this code failed (log: $logfile)"
    check_log "$logfile" "upgrade from release $version"
    after=$(psql_cmd -d "$db" -tAc "$counted")
    [ "$before" = "$after" ] \
        || die "upgrade from release $version: partners/deals/activities/results/letters/documents $before before, $after after"
    # the reports' counts of the results of before, computed by the upgrade
    local uncounted
    uncounted=$(psql_cmd -d "$db" -tAc "SELECT (SELECT count(*) FROM event_lead_contact_result)
        - (SELECT COALESCE(sum(contact_count), 0) FROM event_lead_contact_month)
        + (SELECT count(DISTINCT commercial_partner_id) FROM event_lead_contact_result)
        - (SELECT count(*) FROM event_lead_contact_client)")
    [ "$uncounted" = 0 ] || die "upgrade from release $version: the reports' counts miss results ($uncounted)"
    # the jobs and record rules are the administrator's to change, as on a fresh install (noupdate)
    local updatable
    updatable=$(psql_cmd -d "$db" -tAc "SELECT string_agg(module || '.' || name, ' ') FROM ir_model_data
        WHERE module LIKE 'event\_lead\_%' AND model IN ('ir.cron', 'ir.rule') AND NOT noupdate")
    [ -z "$updatable" ] || die "upgrade from release $version: jobs and rules left updatable: $updatable"
    # the stale-client job moved to its digest's model
    local stale_job
    stale_job=$(psql_cmd -d "$db" -tAc "SELECT m.model || ' ' || a.code FROM ir_model_data d
        JOIN ir_cron c ON c.id = d.res_id JOIN ir_act_server a ON a.id = c.ir_actions_server_id
        JOIN ir_model m ON m.id = a.model_id
        WHERE d.module = 'event_lead_followup' AND d.name = 'ir_cron_flag_stale_clients'")
    [ "$stale_job" = "event.lead.stale.digest model._cron_flag_stale_clients()" ] \
        || die "upgrade from release $version: the stale-client job runs $stale_job"
    # one batch size for every job now: the smallest the administrator chose
    local sizes
    sizes=$(psql_cmd -d "$db" -tAc "SELECT string_agg(key || '=' || value, ' ' ORDER BY key) FROM ir_config_parameter
        WHERE key LIKE 'event\_lead%batch\_size'")
    [ "$sizes" = "event_lead_followup.job_batch_size=250" ] || die "upgrade from release $version: batch sizes $sizes"
    # the follow-up kinds the release kept as constants in Python arrive as records
    local kinds
    kinds=$(psql_cmd -d "$db" -tAc "SELECT count(*) FROM event_lead_followup_kind WHERE activity_type_id IS NOT NULL")
    [ "$kinds" = 5 ] || die "upgrade from release $version: $kinds of 5 follow-up kinds"
    health_check "$db" "upgrade from release $version"
    log "upgrade from release $version ($commit): clean, data kept ($after partners/deals/activities/results/letters/documents), reports' counts complete, jobs and rules noupdate, follow-up kinds in place, batch size kept"
    drop_test_db "$db"
    rm -rf "$old_dir" "$old_conf"
}

# Databases of this run, dropped when it ends (kept with --keep-db); a gate
# still running in the background is stopped first.
RUN_DBS=()
GATE_PID=""
cleanup() {
    local db
    if [ -n "$GATE_PID" ]; then
        kill -TERM -- "-$GATE_PID" 2>/dev/null || true
        wait "$GATE_PID" 2>/dev/null || true
    fi
    [ "$KEEP_DB" = 1 ] || for db in "${RUN_DBS[@]}"; do drop_test_db "$db"; done
}
trap cleanup EXIT

# Coexistence gate (issue 14): the test suites of the Odoo apps our addons
# extend, run by setup/coexistence.py through pytest-odoo on a copy of the
# apps' template and on a copy with our addons installed on top (no demo
# data); fails on every test that passes without our addons and not with
# them. What fails on both is the environment's: counted, not judged.
coexistence_gate() {
    local without="el_coexist_without_$$" with="el_coexist_with_$$" logfile rc
    local out="$LOG_DIR/coexistence"
    RUN_DBS+=("$without" "$with")
    fresh_db "$without" nodemo bridges
    fresh_db "$with" nodemo bridges
    logfile="$LOG_DIR/coexistence_install.log"
    odoo_cmd -d "$with" -i "$ALL_ADDONS" --stop-after-init --logfile="$logfile" --log-level=warn \
        || die "coexistence gate: installing $ALL_ADDONS failed (log: $logfile)"
    check_log "$logfile" "coexistence gate: install of $ALL_ADDONS"
    [ "$(installed_modules "$without")" = "$(installed_modules "$with" | grep -v '^event_lead_')" ] \
        || die "coexistence gate: $without and $with do not hold the same Odoo modules"
    log "coexistence gate: Odoo's suites on $without and $with (with our addons)"
    set +e
    "$PY" setup/coexistence.py --config "$ODOO_CONF" --without "$without" --with "$with" --out "$out"
    rc=$?
    set -e
    [ "$KEEP_DB" = 1 ] || { drop_test_db "$without"; drop_test_db "$with"; }
    [ "$rc" = 1 ] && die "coexistence gate: Odoo tests broken by our addons (list: $out/regressions.txt)"
    [ "$rc" = 0 ] || die "coexistence gate: a run did not complete (logs: $out)"
    return 0
}

# In the full run the gate works in the background during the install
# matrix, which runs one Odoo process at a time and leaves a core free. It
# is a run of this script of its own (its own process group, stopped with
# this one), awaited before the Odoo test suite, whose browser tours need
# the machine; its verdict is given at the end, after the other steps.
start_coexistence_gate() {
    local flags=(--coexistence-only)
    [ "$KEEP_DB" = 1 ] && flags+=(--keep-db)
    setsid "$REPO_DIR/setup/test.sh" "${flags[@]}" > "$LOG_DIR/coexistence.out" 2>&1 &
    GATE_PID=$!
    log "coexistence gate started in the background (output: $LOG_DIR/coexistence.out)"
}

await_coexistence_gate() {
    log "waiting for the coexistence gate"
    set +e
    wait "$GATE_PID"
    GATE_RC=$?
    set -e
    GATE_PID=""
    cat "$LOG_DIR/coexistence.out"
    [ "$GATE_RC" = 0 ] || log "coexistence gate failed: its verdict is given at the end, after the other steps"
}

# ------------------------------------------------------ 2. install matrix
# Each addon alone, the three, everything with the bridges; with and without
# demo data (the three with demo data in Russian, then the demo check).
install_matrix() {
    local demo target name label russian logfile
    for demo in nodemo demo; do
        for target in "${ADDON_LIST[@]}" "$ADDONS" "$ALL_ADDONS"; do
            name="el_install_${demo}_$$"
            label="install of ${target//,/ + } ($demo)"
            if [ "$target" = "$ALL_ADDONS" ]; then fresh_db "$name" "$demo" bridges; else fresh_db "$name" "$demo"; fi
            # the three addons with demo data go into a Russian database, as
            # setup/run.sh makes it: the demo check reads the story of a
            # Russian company (the database with everything stays English)
            russian=0
            if [ "$demo" = demo ] && [ "$target" = "$ADDONS" ]; then
                russian=1
                set_demo_language "$name" ru_RU "$LOG_DIR/install_demo_language.log"
                check_log "$LOG_DIR/install_demo_language.log" "loading Russian"
                label="$label in Russian"
            fi
            logfile="$LOG_DIR/install_${demo}_${target//,/_}.log"
            odoo_cmd -d "$name" -i "$target" --stop-after-init --logfile="$logfile" --log-level=info \
                || die "$label failed (log: $logfile)"
            check_log "$logfile" "$label"
            log "$label: clean"
            if [ "$russian" = 1 ]; then demo_check "$name"; fi
            if [ "$demo" = demo ] && [ "$target" = "$ALL_ADDONS" ]; then
                LIFE_DB="$name"   # kept for the lifecycle checks
            else
                drop_test_db "$name"
            fi
        done
    done
}

# ------------------------------------------------ 3. Odoo's test runner
free_port() { "$PY" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

odoo_test_suite() {   # on a fresh $TEST_DB, kept for the next steps
    fresh_db "$TEST_DB" nodemo bridges
    local tags="${TEST_TAGS:-$(printf '/%s,' "${ALL_LIST[@]}" | sed 's/,$//')}" rc
    log "Odoo test suite of $ALL_ADDONS (--test-tags $tags) on $TEST_DB"
    ODOO_LOG="$LOG_DIR/odoo_tests.log"
    set +e
    odoo_cmd -d "$TEST_DB" -i "$ALL_ADDONS" --test-enable --test-tags "$tags" --stop-after-init \
        --log-level=test --logfile="$ODOO_LOG" --http-port="${TEST_HTTP_PORT:-$(free_port)}"
    rc=$?
    set -e
    grep -E ' (ERROR|CRITICAL|FAIL)[: ]' "$ODOO_LOG" | head -60 >&2 || true
    ODOO_SUMMARY=$(grep -E 'odoo\.tests\.result: .*tests when loading database' "$ODOO_LOG" | tail -1 | sed 's/.*odoo\.tests\.result: //')
    [ -n "$ODOO_SUMMARY" ] || ODOO_SUMMARY="no test summary found (see $ODOO_LOG)"
    [ "$rc" = 0 ] || die "Odoo test suite failed: $ODOO_SUMMARY (full log: $ODOO_LOG)"
    check_log "$ODOO_LOG" "Odoo test suite"
}

translations_check() {
    log "translations: every string of the installed addons is in the .pot and translated in ru.po"
    export_pot "$TEST_DB" "$EL_DATA_DIR/i18n-check" >/dev/null
    "$PY" setup/i18n_tool.py check "$EL_DATA_DIR/i18n-check" "${ALL_LIST[@]}" \
        || die "translations are incomplete (setup/i18n.sh refreshes the .pot and ru.po)"
}

# ------------------------------------------------- 4. pytest-odoo: tests/
pytest_scenarios() {
    log "cross-addon scenarios (tests/) through pytest-odoo on $TEST_DB"
    local rc
    set +e
    "$VENV/bin/pytest" -c "$REPO_DIR/tests/pytest.ini" "$REPO_DIR/tests" \
        --odoo-config="$ODOO_CONF" --odoo-database="$TEST_DB" --odoo-http \
        --odoo-log-level=warn "${PYTEST_ARGS[@]}"
    rc=$?
    set -e
    # no tests collected (5) means nothing to run in tests/ yet: not a failure
    if [ "$rc" != 0 ] && [ "$rc" != 5 ]; then
        die "pytest-odoo failed (exit $rc)"
    fi
}

# Two Odoo processes at the same moment on the same data (issue 18): the
# follow-up planning job and the organiser's button on an ended event of
# 1,500 participants, the sending job and *Plan now* on a campaign, the
# stale-client job while an advisor records results, each in its own OS
# process, on a copy of the test database (setup/concurrency_check.py).
concurrency_check() {
    log "two processes on one event, one campaign and the stale clients (setup/concurrency_check.py)"
    local db="${TEST_DB}_concurrency"
    RUN_DBS+=("$db")
    copy_db "$TEST_DB" "$db"
    "$PY" setup/concurrency_check.py -c "$ODOO_CONF" -d "$db" --logdir "$LOG_DIR/concurrency" \
        > "$LOG_DIR/concurrency.out" 2>&1 \
        || { cat "$LOG_DIR/concurrency.out" >&2; die "two processes on the same data: see above (logs: $LOG_DIR/concurrency)"; }
    grep -v '^[0-9-]* [0-9:,]* [0-9]* ' "$LOG_DIR/concurrency.out" >&2 || true
    drop_test_db "$db"
}

# ------------------------------------ 5. backup -> drop -> restore
# The README's backup and restore commands on the test database: the restored
# copy must hold the same rows (counts of every table, checksums of the key
# tables) and the same files (setup/db_fingerprint.py).
backup_round_trip() {
    log "backup -> drop -> restore round trip of $TEST_DB"
    local before="$LOG_DIR/fingerprint_before.json" after="$LOG_DIR/fingerprint_after.json" archive
    "$PY" setup/db_fingerprint.py "$TEST_DB" "$EL_DATA_DIR/data" > "$before"
    archive=$("$REPO_DIR/setup/backup.sh" "$TEST_DB" "$EL_DATA_DIR/backups" 2>"$LOG_DIR/backup.log" | tail -1) \
        || die "setup/backup.sh failed (log: $LOG_DIR/backup.log)"
    drop_test_db "$TEST_DB"
    RESTORED_DB="${TEST_DB}_restored"
    RUN_DBS+=("$RESTORED_DB")
    "$REPO_DIR/setup/restore.sh" "$archive" "$RESTORED_DB" >/dev/null 2>"$LOG_DIR/restore.log" \
        || die "setup/restore.sh failed (log: $LOG_DIR/restore.log)"
    "$PY" setup/db_fingerprint.py "$RESTORED_DB" "$EL_DATA_DIR/data" > "$after"
    "$PY" setup/db_fingerprint.py --compare "$before" "$after" || die "the restored database differs from the original"
    rm -f "$archive"
}

# ------------------------------------------------------------------ the plan
if [ "$GATE_ONLY" = 1 ]; then
    coexistence_gate
    log "coexistence gate passed"
    exit 0
fi
static_checks                                   # 1
if [ "$QUICK" = 0 ]; then
    start_coexistence_gate                      # 6, in the background
    install_matrix                              # 2
    lifecycle_checks "$LIFE_DB"
    drop_test_db "$LIFE_DB"
    upgrade_from_release
    await_coexistence_gate
fi
TEST_DB="el_test_$$"
RUN_DBS+=("$TEST_DB")
odoo_test_suite                                 # 3
translations_check
pytest_scenarios                                # 4
concurrency_check
backup_round_trip                               # 5
if [ "$QUICK" = 0 ]; then                       # 6: the verdict
    [ "$GATE_RC" = 0 ] || die "coexistence gate failed (its output above and in $LOG_DIR/coexistence.out)"
    log "coexistence gate: no Odoo test broken by our addons"
fi

if [ "$KEEP_DB" = 1 ]; then
    for db in "${RUN_DBS[@]}"; do db_exists "$db" && log "test database kept: $db"; done
fi
log "Odoo runner: $ODOO_SUMMARY"
log "ALL CHECKS PASSED"
