# shellcheck shell=bash
# Shared functions of setup/run.sh and setup/test.sh.
#
# Every function is idempotent: it checks what is already there and only
# installs or starts what is missing, so both commands can run any number of
# times on the same machine.
#
# Settings (environment variables, all optional):
#   ODOO_SRC      Odoo 19.0 source tree (default /opt/odoo19)
#   VENV          Python virtual environment (default <repo>/.venv)
#   PYTHON        interpreter used to create the venv (default python3)
#   DB_HOST, DB_PORT, DB_USER, DB_PASSWORD   PostgreSQL connection
#                 (default 127.0.0.1, 5432, odoo, odoo)
#   EL_DATA_DIR   Odoo data directory (filestore, sessions; default <repo>/.local)

set -euo pipefail

REPO_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="${VENV:-$REPO_DIR/.venv}"
PYTHON="${PYTHON:-python3}"
DB_HOST="${DB_HOST:-127.0.0.1}"
DB_PORT="${DB_PORT:-5432}"
DB_USER="${DB_USER:-odoo}"
DB_PASSWORD="${DB_PASSWORD:-odoo}"
EL_DATA_DIR="${EL_DATA_DIR:-$REPO_DIR/.local}"
ODOO_BRANCH="19.0"
ODOO_GIT_URL="https://github.com/odoo/odoo.git"
ADDONS="event_lead_followup,event_lead_tags,event_lead_reports"
# Bridges to Odoo apps our addons do not depend on (auto_install: they come
# with the app, e.g. event_lead_followup_sale with sale). Linted, translated
# and tested with the addons; setup/test.sh installs them with these apps.
BRIDGES="event_lead_followup_product,event_lead_followup_sale,event_lead_followup_account"
ALL_ADDONS="$ADDONS,$BRIDGES"
export PGPASSWORD="$DB_PASSWORD"
export PGOPTIONS="${PGOPTIONS:---client-min-messages=warning}"

log() { printf '\033[1m[event-leads]\033[0m %s\n' "$*" >&2; }
die() { printf '\033[1;31m[event-leads] ERROR:\033[0m %s\n' "$*" >&2; exit 1; }

as_root() {
    if [ "$(id -u)" = 0 ]; then "$@"
    elif command -v sudo >/dev/null 2>&1; then sudo "$@"
    else die "'$*' needs root and sudo is not available; run it as root once."
    fi
}

# Debian packages the project needs; only the missing ones are installed.
# wkhtmltopdf prints Odoo's PDF reports (the work report), with a font that
# has Cyrillic; poppler-utils' pdftotext lets the tests read a PDF back.
ensure_system_packages() {
    local wanted=(postgresql-15 postgresql-client-15 libpq-dev python3-venv python3-dev
                  build-essential libxml2-dev libxslt1-dev libjpeg-dev zlib1g-dev
                  libsasl2-dev libldap2-dev chromium git
                  wkhtmltopdf fonts-dejavu-core poppler-utils "$@")
    local missing=()
    if ! command -v dpkg-query >/dev/null 2>&1; then
        log "not a Debian system: make sure PostgreSQL 15, libpq, Python 3.11, Chromium, wkhtmltopdf and pdftotext are installed"
        return 0
    fi
    for pkg in "${wanted[@]}"; do
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
    done
    # python3-venv is irrelevant when the interpreter is not Debian's (pyenv, ...)
    if "$PYTHON" -c 'import venv, ensurepip' 2>/dev/null; then
        missing=("${missing[@]/python3-venv}"); missing=("${missing[@]/python3-dev}")
    fi
    local todo=()
    for pkg in "${missing[@]}"; do [ -n "$pkg" ] && todo+=("$pkg"); done
    if [ "${#todo[@]}" -gt 0 ]; then
        log "installing Debian packages: ${todo[*]}"
        as_root apt-get update -qq
        as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${todo[@]}" >/dev/null
    fi
}

# Start the local PostgreSQL 15 cluster and make sure the Odoo role exists.
ensure_postgres() {
    if [ "$DB_HOST" = 127.0.0.1 ] || [ "$DB_HOST" = localhost ]; then
        if command -v pg_lsclusters >/dev/null 2>&1; then
            if ! pg_lsclusters -h | awk '$1 == 15 && $2 == "main"' | grep -q .; then
                log "creating PostgreSQL 15 cluster 'main'"
                as_root pg_createcluster 15 main >/dev/null
            fi
            if ! pg_lsclusters -h | awk '$1 == 15 && $2 == "main" && $4 == "online"' | grep -q .; then
                log "starting PostgreSQL 15"
                as_root pg_ctlcluster 15 main start
            fi
            local i
            for i in $(seq 1 30); do
                pg_isready -q -h "$DB_HOST" -p "$DB_PORT" && break
                sleep 1
            done
            pg_isready -q -h "$DB_HOST" -p "$DB_PORT" || die "PostgreSQL does not answer on $DB_HOST:$DB_PORT"
            if ! as_root su postgres -c "psql -XtAc \"SELECT 1 FROM pg_roles WHERE rolname = '$DB_USER'\"" | grep -q 1; then
                log "creating PostgreSQL role '$DB_USER'"
                as_root su postgres -c "psql -Xqc \"CREATE ROLE \\\"$DB_USER\\\" LOGIN CREATEDB PASSWORD '$DB_PASSWORD'\""
            fi
        fi
    fi
    psql_cmd -d postgres -tAc 'SELECT 1' >/dev/null 2>&1 \
        || die "cannot connect to PostgreSQL as '$DB_USER' on $DB_HOST:$DB_PORT (set DB_HOST, DB_PORT, DB_USER, DB_PASSWORD)"
}

psql_cmd() { psql -X -h "$DB_HOST" -p "$DB_PORT" -U "$DB_USER" "$@"; }

db_exists() { [ "$(psql_cmd -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$1'")" = 1 ]; }

installed_modules() {   # $1 = database: its installed modules, one a line
    psql_cmd -d "$1" -tAc "SELECT name FROM ir_module_module WHERE state = 'installed' ORDER BY name"
}

# WITH (FORCE) ends the sessions still open on it; it cannot end a background
# worker of PostgreSQL itself (autovacuum of a fresh copy): try again shortly.
drop_db() {
    local try
    for try in 1 2 3 4 5; do
        psql_cmd -d postgres -qc "DROP DATABASE IF EXISTS \"$1\" WITH (FORCE)" >/dev/null 2>&1 && return 0
        sleep "$try"
    done
    psql_cmd -d postgres -qc "DROP DATABASE IF EXISTS \"$1\" WITH (FORCE)" >/dev/null
}

# Find Odoo 19: ODOO_SRC, an importable odoo, or a shallow clone when online.
ensure_odoo() {
    ODOO_SRC="${ODOO_SRC:-/opt/odoo19}"
    if [ -f "$ODOO_SRC/odoo-bin" ] && [ -f "$ODOO_SRC/odoo/release.py" ]; then
        check_odoo_version "$ODOO_SRC"
        ODOO_BIN=("$ODOO_SRC/odoo-bin")
        return 0
    fi
    local candidate
    for py in "$VENV/bin/python" "$PYTHON"; do
        [ -x "$(command -v "$py" 2>/dev/null)" ] || continue
        candidate=$("$py" -c 'import odoo.release, os; print(os.path.dirname(os.path.dirname(odoo.release.__file__)))' 2>/dev/null || true)
        if [ -n "$candidate" ] && [ -f "$candidate/odoo/release.py" ]; then
            ODOO_SRC="$candidate"
            check_odoo_version "$ODOO_SRC"
            ODOO_BIN=(-m odoo)
            [ -f "$ODOO_SRC/odoo-bin" ] && ODOO_BIN=("$ODOO_SRC/odoo-bin")
            return 0
        fi
    done
    local clone="$REPO_DIR/.odoo-src"
    if [ -f "$clone/odoo-bin" ]; then
        ODOO_SRC="$clone"; ODOO_BIN=("$clone/odoo-bin"); check_odoo_version "$clone"; return 0
    fi
    if command -v git >/dev/null 2>&1 && timeout 20 git ls-remote --heads "$ODOO_GIT_URL" "$ODOO_BRANCH" >/dev/null 2>&1; then
        log "cloning Odoo $ODOO_BRANCH (shallow) into $clone"
        git clone -q --depth 1 --branch "$ODOO_BRANCH" "$ODOO_GIT_URL" "$clone"
        ODOO_SRC="$clone"; ODOO_BIN=("$clone/odoo-bin"); return 0
    fi
    die "Odoo 19.0 not found. Provide it in one of three ways:
  1. set ODOO_SRC to an Odoo 19.0 Community source tree (default /opt/odoo19; now $ODOO_SRC, which holds no odoo-bin);
  2. make 'odoo' importable by the Python used here ($PYTHON or $VENV/bin/python), e.g. an installed Odoo 19 package;
  3. give this machine internet access: a shallow clone of $ODOO_GIT_URL (branch $ODOO_BRANCH) is then made into $clone."
}

check_odoo_version() {
    local major
    major=$(sed -n 's/^version_info = (\([0-9]*\),.*/\1/p' "$1/odoo/release.py")
    [ "$major" = 19 ] || die "$1 holds Odoo $major, not Odoo 19.0 (set ODOO_SRC to an Odoo 19.0 tree)"
}

# Python venv with Odoo's requirements, ours, and the OCA addons we reuse.
ensure_venv() {
    local stamp="$VENV/.event-leads-stamp"
    local want
    want=$( (cat "$ODOO_SRC/requirements.txt" "$REPO_DIR/requirements.txt"; echo "$ODOO_SRC") | sha1sum | cut -c1-40)
    if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ] && [ -x "$VENV/bin/python" ]; then
        return 0
    fi
    if [ ! -x "$VENV/bin/python" ]; then
        log "creating Python virtual environment $VENV"
        "$PYTHON" -m venv "$VENV"
    fi
    local pip=("$VENV/bin/python" -m pip install -q --disable-pip-version-check)
    export PIP_CONSTRAINT="$REPO_DIR/setup/constraints.txt"
    log "installing Odoo's Python requirements"
    "${pip[@]}" -r "$ODOO_SRC/requirements.txt"
    log "installing requirements.txt"
    # OCA addons declare a dependency on an 'odoo' distribution that is not on
    # PyPI: install them without dependencies (their own OCA dependencies are
    # listed explicitly in requirements.txt).
    grep -v '^odoo-addon-' "$REPO_DIR/requirements.txt" > "$VENV/requirements-python.txt"
    grep '^odoo-addon-' "$REPO_DIR/requirements.txt" > "$VENV/requirements-oca.txt" || true
    "${pip[@]}" -r "$VENV/requirements-python.txt"
    [ -s "$VENV/requirements-oca.txt" ] && "${pip[@]}" --no-deps -r "$VENV/requirements-oca.txt"
    # make the Odoo tree importable (pytest-odoo, scripts)
    local site
    site=$("$VENV/bin/python" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')
    echo "$ODOO_SRC" > "$site/event_leads_odoo_src.pth"
    echo "$want" > "$stamp"
}

# Odoo configuration file shared by both commands.
write_odoo_conf() {
    local conf="$EL_DATA_DIR/odoo.conf"
    mkdir -p "$EL_DATA_DIR"
    local site
    site=$("$VENV/bin/python" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')
    local addons="$ODOO_SRC/addons,$REPO_DIR"
    [ -d "$site/odoo/addons" ] && addons="$addons,$site/odoo/addons"
    # written aside and moved: a run of setup/test.sh in the background (the
    # coexistence gate) rewrites it while the other one reads it
    cat > "$conf.$$" <<EOF
[options]
addons_path = $addons
data_dir = $EL_DATA_DIR/data
db_host = $DB_HOST
db_port = $DB_PORT
db_user = $DB_USER
db_password = $DB_PASSWORD
http_interface = 127.0.0.1
http_port = ${HTTP_PORT:-8069}
admin_passwd = ${ADMIN_PASSWD:-admin}
EOF
    mv -f "$conf.$$" "$conf"
    ODOO_CONF="$conf"
}

odoo_cmd() { "$VENV/bin/python" "${ODOO_BIN[@]}" -c "$ODOO_CONF" "$@"; }

# An odoo-bin subcommand (shell, ...): it comes before the options.
odoo_sub() { local sub="$1"; shift; "$VENV/bin/python" "${ODOO_BIN[@]}" "$sub" -c "$ODOO_CONF" "$@"; }

# Export the .pot of our addons from database $1 into directory $2
# ($2/<addon>/i18n/<addon>.pot).
export_pot() {
    local db="$1" dir="$2"
    rm -rf "$dir"; mkdir -p "$dir"
    local addon
    IFS=, read -r -a _addons <<< "${3:-$ALL_ADDONS}"
    for addon in "${_addons[@]}"; do
        mkdir -p "$dir/$addon/i18n"
        "$VENV/bin/python" "${ODOO_BIN[@]}" i18n export -c "$ODOO_CONF" -d "$db" -l pot \
            -o "$dir/$addon/i18n/$addon.pot" "$addon" 2>&1 | grep -v 'security risk' || true
        [ -s "$dir/$addon/i18n/$addon.pot" ] || die "exporting the strings of $addon failed"
    done
}

prepare_all() {
    ensure_system_packages "$@"
    ensure_postgres
    ensure_odoo
    ensure_venv
    write_odoo_conf
}

# The administrator and the company of database $1 speak language $2 (loaded
# already): our demo story is then told in it, by a Russian company when it
# is Russian (event.lead.demo).
admin_speaks() {   # $1 = database, $2 = language code
    psql_cmd -d "$1" -qc "UPDATE res_partner SET lang = '$2'
        WHERE id IN (SELECT partner_id FROM res_users WHERE login = 'admin'
                     UNION SELECT partner_id FROM res_company)"
}

# Load language $2 into the existing database $1 and make it the
# administrator's (a copy of a test template, before our addons come).
set_demo_language() {   # $1 = database, $2 = language code, $3 = log file
    odoo_cmd -d "$1" --load-language="$2" --stop-after-init --log-level=warn --logfile="$3" \
        || die "loading $2 into $1 failed (log: $3)"
    admin_speaks "$1" "$2"
}

# A database with the three addons and their demo data, told in language $2
# (the run command's database and the screenshots' one). Built under a
# temporary name and renamed at the end: a half-built one is never served.
create_demo_db() {   # $1 = name, $2 = language code (ru_RU, en_US, ...)
    local name="$1" lang="$2"
    drop_db "$name.tmp"
    rm -rf "$EL_DATA_DIR/data/filestore/$name.tmp"
    log "creating database $name with $ADDONS and demo data (a few minutes)"
    # Odoo first, with the language, which becomes the administrator's: the
    # demo story is then told in it (Russian texts when it is Russian)
    odoo_cmd -d "$name.tmp" -i base --with-demo --load-language="$lang" \
        --stop-after-init --log-level=warn
    admin_speaks "$name.tmp" "$lang"
    odoo_cmd -d "$name.tmp" -i "$ADDONS" --stop-after-init --log-level=warn
    psql_cmd -d postgres -qc "ALTER DATABASE \"$name.tmp\" RENAME TO \"$name\""
    rm -rf "$EL_DATA_DIR/data/filestore/$name"   # a leftover of a database dropped by hand
    if [ -d "$EL_DATA_DIR/data/filestore/$name.tmp" ]; then
        mv "$EL_DATA_DIR/data/filestore/$name.tmp" "$EL_DATA_DIR/data/filestore/$name"
    fi
}
