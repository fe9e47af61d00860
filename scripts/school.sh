#!/usr/bin/env bash
# Implementation of ./school (see that file for the commands and variables).
set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SRC=$SCHOOL_HOME/src
VENV=$SCHOOL_HOME/venv
ODOO_DIR=$SRC/odoo
OEC_DIR=$SRC/openeducat_erp
ODOO_GIT=${ODOO_GIT:-https://github.com/odoo/odoo.git}
OEC_GIT=${OEC_GIT:-https://github.com/openeducat/openeducat_erp.git}
DB_USER=${SCHOOL_DB_USER:-odoo}
VAR=$REPO/var

# Our addons, in dependency order. school_base is the common addon.
SCHOOL_ADDONS=school_privacy,school_base,school_attendance_cl,school_siagie,school_wellbeing_survey,school_discipline,school_attendance_discipline,school_wellbeing_attendance,school_wellbeing_discipline,school_sige_connector,school_scholarships,school_scholarships_discipline

log() { printf '[school] %s\n' "$*" >&2; }
die() { printf '[school] ERROR: %s\n' "$*" >&2; exit 1; }

# --------------------------------------------------------------- setup ----
debian_packages() {
    # Debian packages the suite needs; only the missing ones are installed.
    local want=(libpq-dev libldap2-dev libsasl2-dev libxml2-dev libxslt1-dev
                libjpeg-dev zlib1g-dev postgresql-client chromium wkhtmltopdf
                fonts-dejavu-core)
    if ! pg_isready -q -h "$PGHOST" -p "$PGPORT" 2>/dev/null && ! ls /etc/postgresql/*/main >/dev/null 2>&1; then
        want+=(postgresql)
    fi
    command -v dpkg-query >/dev/null || { log "not a Debian system: install ${want[*]} yourself"; return 0; }
    local missing=() p
    for p in "${want[@]}"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    log "installing Debian packages: ${missing[*]}"
    local sudo=""; [ "$(id -u)" -eq 0 ] || sudo=sudo
    $sudo apt-get update -qq || die "apt-get update failed (offline?): install ${missing[*]} by hand"
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null \
        || die "apt-get install ${missing[*]} failed"
}

start_postgres() {
    pg_isready -q -h "$PGHOST" -p "$PGPORT" && return 0
    log "PostgreSQL is not answering on $PGHOST:$PGPORT; starting the local cluster"
    local version
    version=$(ls /etc/postgresql 2>/dev/null | sort -V | tail -n 1)
    [ -n "$version" ] || die "no PostgreSQL cluster found (/etc/postgresql is empty)"
    pg_ctlcluster --skip-systemctl-redirect "$version" main start 2>/dev/null \
        || pg_ctlcluster "$version" main start \
        || die "could not start PostgreSQL $version"
    local i
    for i in $(seq 1 30); do pg_isready -q -h "$PGHOST" -p "$PGPORT" && return 0; sleep 1; done
    die "PostgreSQL did not come up on $PGHOST:$PGPORT"
}

psql_admin() {
    # Run SQL as the PostgreSQL superuser: over TCP when trusted, else via su.
    if psql -h "$PGHOST" -p "$PGPORT" -U postgres -d postgres -tAc "SELECT 1" >/dev/null 2>&1; then
        psql -h "$PGHOST" -p "$PGPORT" -U postgres -d postgres -v ON_ERROR_STOP=1 -tAc "$1"
    else
        su postgres -c "psql -d postgres -v ON_ERROR_STOP=1 -tAc \"$1\""
    fi
}

ensure_db_role() {
    # Odoo refuses to run as the "postgres" superuser, so it gets its own role.
    if [ "$(psql_admin "SELECT 1 FROM pg_roles WHERE rolname = '$DB_USER'")" != "1" ]; then
        log "creating PostgreSQL role $DB_USER"
        psql_admin "CREATE ROLE $DB_USER LOGIN CREATEDB PASSWORD '$DB_USER'" >/dev/null
    fi
}

fetch_source() {
    # fetch_source DEST LOCAL_PATH GIT_URL
    local dest=$1 local_path=$2 url=$3
    [ -e "$dest" ] && return 0
    mkdir -p "$(dirname "$dest")"
    if [ -n "$local_path" ]; then
        [ -d "$local_path" ] || die "$local_path does not exist"
        log "using local source $local_path for $dest"
        ln -s "$(cd "$local_path" && pwd)" "$dest"
    else
        log "cloning $url (branch 18.0) into $dest"
        git clone -q --depth 1 -b 18.0 "$url" "$dest" \
            || die "could not clone $url; offline? set ODOO_SRC / OPENEDUCAT_SRC to local copies"
    fi
}

pick_python() {
    local py
    for py in ${SCHOOL_PYTHON:-} python3.12 python3.11 python3.10 python3; do
        command -v "$py" >/dev/null 2>&1 || continue
        if "$py" -c 'import sys; sys.exit(not ((3, 10) <= sys.version_info[:2] <= (3, 12)))'; then
            echo "$py"; return 0
        fi
    done
    die "Odoo 18 needs Python 3.10-3.12; set SCHOOL_PYTHON"
}

python_env() {
    [ -f "$ODOO_DIR/odoo-bin" ] || die "no Odoo source in $ODOO_DIR"
    [ -d "$OEC_DIR/openeducat_core" ] || die "no OpenEduCat source in $OEC_DIR"
    if [ ! -x "$VENV/bin/python" ]; then
        local py; py=$(pick_python)
        log "creating virtual environment $VENV with $py"
        "$py" -m venv "$VENV"
    fi
    local stamp_file=$VENV/.school-stamp stamp
    stamp=$(cat "$ODOO_DIR/requirements.txt" "$REPO/requirements.txt" | sha256sum | cut -c1-16)
    if [ "$(cat "$stamp_file" 2>/dev/null)" = "$stamp" ] && "$VENV/bin/python" -c 'import odoo.release' 2>/dev/null; then
        return 0
    fi
    log "installing Python packages into $VENV"
    # cbor2 (an Odoo pin) does not build with setuptools >= 81: constrain the
    # isolated build environments (PIP_BUILD_CONSTRAINT for pip >= 25.3,
    # PIP_CONSTRAINT for older pips, which apply it to build envs too).
    local build_constraints=$VENV/build-constraints.txt
    echo 'setuptools<81' > "$build_constraints"
    "$VENV/bin/pip" install -q --upgrade 'pip>=25.3' 'setuptools<81' wheel
    export PIP_CONSTRAINT=$build_constraints PIP_BUILD_CONSTRAINT=$build_constraints
    "$VENV/bin/pip" install -q -r "$ODOO_DIR/requirements.txt"
    # Compat mode: a plain editable install would be shadowed by the
    # odoo/addons namespace that OCA wheels install into site-packages.
    "$VENV/bin/pip" install -q --no-deps -e "$ODOO_DIR" --config-settings editable_mode=compat
    # Odoo's pins win over ours.
    "$VENV/bin/pip" install -q -r "$REPO/requirements.txt" -c "$ODOO_DIR/requirements.txt"
    unset PIP_CONSTRAINT PIP_BUILD_CONSTRAINT
    "$VENV/bin/python" -c 'import odoo.release, websocket, stdnum.cl.rut, holidays' \
        || die "the virtual environment is incomplete"
    echo "$stamp" > "$stamp_file"
}

setup() {
    debian_packages
    start_postgres
    ensure_db_role
    fetch_source "$ODOO_DIR" "${ODOO_SRC:-}" "$ODOO_GIT"
    fetch_source "$OEC_DIR" "${OPENEDUCAT_SRC:-}" "$OEC_GIT"
    python_env
    mkdir -p "$VAR"
}

# ------------------------------------------------------------- helpers ----
addons_path() {
    # The official OpenEduCat first: the first copy of a module wins, and some
    # Odoo trees carry older openeducat_* copies of their own.
    echo "$OEC_DIR,$REPO/addons,$ODOO_DIR/addons,$ODOO_DIR/odoo/addons"
}

odoo() {
    # odoo-bin takes a subcommand (shell, neutralize, ...) before any option:
    # ./school odoo shell -d DB runs "odoo-bin shell -c ... -d DB".
    # Before a subcommand, odoo-bin reads only a first "--addons-path=" and
    # otherwise loads its default addons path (odoo/cli/command.py main), so
    # the Odoo tree's own openeducat_* copies would win: pass it first.
    local sub=()
    if [ $# -gt 0 ] && [[ $1 != -* ]]; then
        sub=("--addons-path=$(addons_path)" "$1")
        shift
    fi
    "$VENV/bin/python" "$ODOO_DIR/odoo-bin" "${sub[@]}" -c "$REPO/odoo.conf" \
        --addons-path "$(addons_path)" --db_host "$PGHOST" --db_port "$PGPORT" \
        -r "$DB_USER" -w "$DB_USER" --data-dir "$VAR/filestore" "$@"
}

db_exists() {
    [ "$(psql -h "$PGHOST" -p "$PGPORT" -U "$DB_USER" -d postgres -tAc \
        "SELECT 1 FROM pg_database WHERE datname = '$1'" 2>/dev/null)" = "1" ]
}

addons_installed() {
    # True when every addon of the suite is installed in database $1.
    local count
    count=$(psql -h "$PGHOST" -p "$PGPORT" -U "$DB_USER" -d "$1" -tAc \
        "SELECT count(*) FROM ir_module_module WHERE state = 'installed'
         AND name = ANY (string_to_array('$SCHOOL_ADDONS', ','))" 2>/dev/null) || return 1
    [ "$count" = "$(tr ',' '\n' <<<"$SCHOOL_ADDONS" | wc -l)" ]
}

drop_db() {
    if db_exists "$1"; then
        dropdb -h "$PGHOST" -p "$PGPORT" -U "$DB_USER" --force "$1"
    fi
    rm -rf "$VAR/filestore/filestore/$1"
}

# ----------------------------------------------------------------- run ----
cmd_run() {
    setup
    local db=${SCHOOL_DB:-school_demo}
    if ! addons_installed "$db"; then
        log "creating demo database $db (first run only)"
        drop_db "$db"
        # base first, then Spanish (Chile), then the suite: loading a
        # language while base itself installs breaks on res.lang url codes,
        # and the demo users take es_CL when it is there.
        odoo -d "$db" -i base --stop-after-init --log-level=warn
        odoo -d "$db" --load-language es_CL --stop-after-init --log-level=warn
        odoo -d "$db" -i "$SCHOOL_ADDONS" --stop-after-init
        addons_installed "$db" || die "the demo database $db could not be created"
    fi
    start_sige_standin
    log "Odoo on http://127.0.0.1:8069 (database $db); logins in README.md"
    exec "$VENV/bin/python" "$ODOO_DIR/odoo-bin" -c "$REPO/odoo.conf" \
        --addons-path "$(addons_path)" --db_host "$PGHOST" --db_port "$PGPORT" \
        -r "$DB_USER" -w "$DB_USER" --data-dir "$VAR/filestore" \
        -d "$db" --db-filter "^$db\$" "$@"
}

# ---------------------------------------------------------------- test ----
cmd_test() {
    setup
    "$REPO/scripts/run_tests.sh"
}

cmd_bigschool() {
    # ./school bigschool [DB]: a scratch database with the 2,000-student
    # school (created with our addons, no demo data, if it does not exist).
    setup
    local db=${1:-school_big}
    if ! addons_installed "$db"; then
        log "creating $db with our addons (no demo data)"
        drop_db "$db"
        odoo -d "$db" -i "$SCHOOL_ADDONS" --without-demo=all --stop-after-init --log-level=warn
    fi
    odoo_script "$REPO/tests/bench/generate_school.py" "$db" "${@:2}"
}

odoo_script() {
    # odoo_script SCRIPT DB [ARGS]: a Python script that opens DB itself
    # with the suite's Odoo options (benchmarks, generators).
    local script=$1 db=$2
    shift 2
    "$VENV/bin/python" "$script" -c "$REPO/odoo.conf" \
        --addons-path "$(addons_path)" --db_host "$PGHOST" --db_port "$PGPORT" \
        -r "$DB_USER" -w "$DB_USER" --data-dir "$VAR/filestore" -d "$db" "$@"
}

cmd_pytest() {
    # ./school pytest DB [PYTEST ARGS]: pytest-odoo on a database that has
    # the addons under test installed (a development loop, not CI).
    setup
    local db=${1:?usage: ./school pytest DB [pytest args]}
    shift
    cat > "$VAR/pytest-odoo.conf" <<CONF
[options]
addons_path = $(addons_path)
db_host = $PGHOST
db_port = $PGPORT
db_user = $DB_USER
db_password = $DB_USER
data_dir = $VAR/filestore
CONF
    cd "$REPO" && "$VENV/bin/pytest" --odoo-config "$VAR/pytest-odoo.conf" --odoo-database "$db" "$@"
}

export_pots() {
    # export_pots DB DIR: the translation templates of the suite's addons,
    # as DB has them, in DIR/<addon>/i18n/<addon>.pot.
    local db=$1 dir=$2
    mkdir -p "$dir"
    odoo -d "$db" --i18n-export="$dir/pots.tgz" --modules="$SCHOOL_ADDONS" \
        --stop-after-init --log-level=error --no-http > "$dir/export.log" 2>&1 \
        && tar -xzf "$dir/pots.tgz" -C "$dir"
}

cmd_pot() {
    # ./school pot DB: refresh every addon's i18n/<addon>.pot from DB (where
    # the suite is installed and up to date), then list the terms es.po
    # still lacks. Odoo drops a .po entry that its .pot lacks.
    setup
    local db=${1:?usage: ./school pot DB}
    local dir
    dir=$(mktemp -d)
    export_pots "$db" "$dir" || die "could not export the translation templates from $db"
    "$VENV/bin/python" "$REPO/scripts/check_i18n.py" --write "$dir" $(tr ',' ' ' <<<"$SCHOOL_ADDONS")
    rm -rf "$dir"
}

start_sige_standin() {
    # Beside `./school run`: the SIGE stand-in the demo school's backend
    # points at (port 8070, demo/sige_standin_demo.json, whose "injections"
    # go through the admin API). SCHOOL_SIGE_STANDIN=0 skips it.
    [ "${SCHOOL_SIGE_STANDIN:-1}" = 0 ] && return 0
    local fixtures="$REPO/addons/school_sige_connector/demo/sige_standin_demo.json"
    local parent=$$
    # It stops with Odoo: `exec` below keeps this shell's pid, which the
    # watcher follows (a background job of a script ignores Ctrl+C).
    (
        cmd_sige_standin --port 8070 --fixtures "$fixtures" >"$VAR/sige-standin.log" 2>&1 &
        standin=$!
        while kill -0 "$parent" 2>/dev/null; do sleep 2; done
        kill "$standin" 2>/dev/null
    ) &
    "$VENV/bin/python" - "$fixtures" <<'PY' || log "SIGE stand-in not started (see var/sige-standin.log)"
import json, sys, time, urllib.request
base = "http://127.0.0.1:8070/_standin/"
for _ in range(50):
    try:
        urllib.request.urlopen(base + "state", timeout=1)
        break
    except OSError:
        time.sleep(0.2)
else:
    sys.exit(1)
for injection in json.load(open(sys.argv[1])).get("injections", []):
    request = urllib.request.Request(
        base + "inject", json.dumps(injection).encode(), {"Content-Type": "application/json"}
    )
    urllib.request.urlopen(request, timeout=5)
print("SIGE stand-in on http://127.0.0.1:8070")
PY
}

cmd_sige_standin() {
    # ./school sige-standin [--port 8070] [--fixtures FILE]: the SIGE stand-in
    # SOAP server (addons/school_sige_connector/services/sige_standin.py)
    # with its /_standin/ admin API, until interrupted. No Odoo needed.
    cd "$REPO/addons/school_sige_connector" && exec "$VENV/bin/python" -c \
        'import sys; from services.sige_standin import main; sys.exit(main(sys.argv[1:]))' "$@"
}

cmd_bench() {
    setup
    "$VENV/bin/python" "$REPO/tests/bench/bench.py" "$@"
}

cmd_serve() {
    # ./school serve [start|stop|status|pg-conf]: the production
    # configuration (nginx, Odoo in prefork, crons apart); scripts/serve.sh.
    case "${1:-}" in
        stop|status) mkdir -p "$VAR" ;;
        *) setup ;;
    esac
    exec "$REPO/scripts/serve.sh" "$@"
}

export REPO SCHOOL_ADDONS VENV ODOO_DIR OEC_DIR DB_USER VAR PGHOST PGPORT
export -f odoo odoo_script export_pots addons_path db_exists addons_installed drop_db log die

case "${1:-}" in
    run) shift; cmd_run "$@" ;;
    test) shift; cmd_test "$@" ;;
    setup) setup ;;
    bigschool) shift; cmd_bigschool "$@" ;;
    bench) shift; cmd_bench "$@" ;;
    pot) shift; cmd_pot "$@" ;;
    odoo) shift; setup; odoo "$@" ;;
    pytest) shift; cmd_pytest "$@" ;;
    script) shift; setup; odoo_script "$@" ;;
    sige-standin) shift; cmd_sige_standin "$@" ;;
    serve) shift; cmd_serve "$@" ;;
    *) sed -n '2,25p' "$REPO/school"; exit 2 ;;
esac
