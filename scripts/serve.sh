#!/usr/bin/env bash
# ./school serve: the production configuration on one machine (see README.md,
# "Production"). Called by scripts/school.sh after the setup, with REPO,
# VENV, ODOO_DIR, VAR, DB_USER, PGHOST, PGPORT and addons_path exported.
#
#   ./school serve            start everything, stay in the foreground; Ctrl+C stops it
#   ./school serve start      start everything in the background
#   ./school serve stop       stop what `serve` started
#   ./school serve status     what runs, and where
#   ./school serve pg-conf [--install]
#                             print PostgreSQL settings for this machine, or
#                             install them in conf.d (restart PostgreSQL after)
#
# What runs: nginx (Debian package, a private instance) on SCHOOL_SERVE_PORT,
# one Odoo HTTP host in prefork mode per port of SCHOOL_HTTP_PORTS (each with
# its gevent process on the matching port of SCHOOL_GEVENT_PORTS), and one
# Odoo process for crons (no HTTP). Options (environment):
#   SCHOOL_DB              database served (school_demo); it must exist with the suite
#   SCHOOL_SERVE_PORT      nginx's port (8080)
#   SCHOOL_HTTP_PORTS      Odoo HTTP hosts, comma separated (8069)
#   SCHOOL_GEVENT_PORTS    their websocket ports, same order (8072)
#   SCHOOL_WORKERS         HTTP workers per host ((2 x cores + 1) / hosts, at least 2)
#   SCHOOL_CRON_THREADS    cron threads of the cron process (2)
#   SCHOOL_DB_REPLICA_HOST, SCHOOL_DB_REPLICA_PORT   a streaming replica for reports
#   SCHOOL_ADMIN_PASSWD    Odoo's master password (random, kept in the serve dir)
#   SCHOOL_SERVE_DIR       rendered configuration, pids and logs ($VAR/serve)
set -euo pipefail

DEPLOY=$REPO/deploy
DIR=${SCHOOL_SERVE_DIR:-$VAR/serve}
DB=${SCHOOL_DB:-school_demo}
LISTEN=${SCHOOL_SERVE_PORT:-8080}
IFS=, read -r -a HTTP_PORTS <<<"${SCHOOL_HTTP_PORTS:-8069}"
IFS=, read -r -a GEVENT_PORTS <<<"${SCHOOL_GEVENT_PORTS:-8072}"
CRON_THREADS=${SCHOOL_CRON_THREADS:-2}
CORES=$(nproc)
RAM_MB=$(awk '/MemTotal/ {print int($2 / 1024)}' /proc/meminfo)
HOSTS=${#HTTP_PORTS[@]}
LIMIT_TIME_REAL=240

[ "$HOSTS" = "${#GEVENT_PORTS[@]}" ] || die "SCHOOL_HTTP_PORTS and SCHOOL_GEVENT_PORTS need as many ports"

# Workers: (2 x cores) + 1 for the machine, shared by its hosts.
WORKERS=${SCHOOL_WORKERS:-$(( (2 * CORES + 1 + HOSTS - 1) / HOSTS ))}
[ "$WORKERS" -ge 2 ] || WORKERS=2
# Memory per worker: half of the RAM for Odoo's workers (the rest for
# PostgreSQL and the OS cache), between 640 MiB and 2 GiB; the hard limit a
# quarter above.
SOFT_MB=$(( RAM_MB / 2 / (WORKERS * HOSTS + CRON_THREADS + HOSTS) ))
[ "$SOFT_MB" -le 2048 ] || SOFT_MB=2048
[ "$SOFT_MB" -ge 640 ] || SOFT_MB=640
HARD_MB=$(( SOFT_MB * 5 / 4 ))
DB_MAXCONN=4
DB_MAXCONN_GEVENT=16
CRON_DB_MAXCONN=$(( CRON_THREADS + 2 ))
# What the processes may open at most, and a margin for psql, backups...
MAX_CONNECTIONS=$(( HOSTS * (WORKERS * DB_MAXCONN + DB_MAXCONN_GEVENT) + CRON_DB_MAXCONN + 20 ))

ODOO=("$VENV/bin/python" "$ODOO_DIR/odoo-bin")

render() {
    # render TEMPLATE OUT NAME=VALUE...: replace the @NAME@ placeholders.
    local template=$1 out=$2 pair
    shift 2
    "$VENV/bin/python" - "$template" "$out" "$@" <<'PY'
import re, sys
template, out, pairs = sys.argv[1], sys.argv[2], sys.argv[3:]
values = dict(pair.split("=", 1) for pair in pairs)
text = open(template).read()
missing = set(re.findall(r"@([A-Z_]+)@", text)) - set(values)
if missing:
    sys.exit("no value for %s in %s" % (", ".join(sorted(missing)), template))
text = re.sub(r"@([A-Z_]+)@", lambda m: values[m.group(1)], text)
with open(out, "w") as handle:
    handle.write(text)
PY
}

ensure_nginx() {
    command -v nginx >/dev/null && return 0
    command -v dpkg-query >/dev/null || die "install nginx (Debian package nginx) yourself"
    log "installing the Debian package nginx"
    local sudo=""; [ "$(id -u)" -eq 0 ] || sudo=sudo
    $sudo apt-get update -qq || die "apt-get update failed (offline?): install nginx by hand"
    # RUNLEVEL=1: the package's own service (a default site on port 80) is
    # not started; `serve` runs its own instance.
    RUNLEVEL=1 DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq nginx >/dev/null \
        || die "apt-get install nginx failed"
}

admin_passwd() {
    if [ -n "${SCHOOL_ADMIN_PASSWD:-}" ]; then
        echo "$SCHOOL_ADMIN_PASSWD"
        return
    fi
    if [ ! -s "$DIR/admin_passwd" ]; then
        (umask 077; "$VENV/bin/python" -c 'import secrets; print(secrets.token_urlsafe(24))' >"$DIR/admin_passwd")
    fi
    cat "$DIR/admin_passwd"
}

render_all() {
    mkdir -p "$DIR/log" "$DIR/run/nginx" "$DIR/cache"
    local passwd addons replica="" static="" i
    passwd=$(admin_passwd)
    addons=$(addons_path)
    if [ -n "${SCHOOL_DB_REPLICA_HOST:-}" ]; then
        replica="db_replica_host = $SCHOOL_DB_REPLICA_HOST
db_replica_port = ${SCHOOL_DB_REPLICA_PORT:-$PGPORT}"
    fi
    local common=(
        "ADMIN_PASSWD=$passwd" "DB_HOST=$PGHOST" "DB_PORT=$PGPORT" "DB_USER=$DB_USER"
        "DB_PASSWORD=${SCHOOL_DB_PASSWORD:-$DB_USER}" "DB=$DB" "ADDONS_PATH=$addons" "DATA_DIR=$VAR/filestore"
        "LOG_DIR=$DIR/log"
    )
    # The Odoo configurations hold the master and database passwords:
    # written unreadable to others from the start (not chmod'ed after).
    local umask_before
    umask_before=$(umask)
    umask 077
    for i in "${!HTTP_PORTS[@]}"; do
        render "$DEPLOY/odoo/odoo-http.conf.in" "$DIR/odoo-http-$((i + 1)).conf" "${common[@]}" \
            "HOST_NUMBER=$((i + 1))" "HTTP_PORT=${HTTP_PORTS[$i]}" "GEVENT_PORT=${GEVENT_PORTS[$i]}" \
            "WORKERS=$WORKERS" "DB_MAXCONN=$DB_MAXCONN" "DB_MAXCONN_GEVENT=$DB_MAXCONN_GEVENT" \
            "LIMIT_MEMORY_SOFT=$((SOFT_MB * 1024 * 1024))" "LIMIT_MEMORY_HARD=$((HARD_MB * 1024 * 1024))" \
            "LIMIT_TIME_CPU=120" "LIMIT_TIME_REAL=$LIMIT_TIME_REAL" "REPLICA=$replica"
    done
    render "$DEPLOY/odoo/odoo-cron.conf.in" "$DIR/odoo-cron.conf" "${common[@]}" \
        "CRON_THREADS=$CRON_THREADS" "CRON_DB_MAXCONN=$CRON_DB_MAXCONN" "LIMIT_TIME_REAL_CRON=1800"
    chmod 600 "$DIR"/odoo-*.conf
    umask "$umask_before"
    local up_http="" up_ws="" path
    for i in "${!HTTP_PORTS[@]}"; do
        up_http+="    server 127.0.0.1:${HTTP_PORTS[$i]} max_fails=3 fail_timeout=10s;"$'\n'
        up_ws+="    server 127.0.0.1:${GEVENT_PORTS[$i]};"$'\n'
    done
    IFS=, read -r -a paths <<<"$addons"
    for path in "${paths[@]}"; do
        static+="$path/\$school_addon/static/\$school_file "
    done
    render "$DEPLOY/nginx/school-site.conf.in" "$DIR/run/nginx-site.conf" \
        "UPSTREAM_HTTP=${up_http%$'\n'}" "UPSTREAM_WEBSOCKET=${up_ws%$'\n'}" \
        "CACHE_DIR=$DIR/cache" "LISTEN=127.0.0.1:$LISTEN" "LIMIT_TIME_REAL=$LIMIT_TIME_REAL" \
        "PROXY_TIMEOUT=$((LIMIT_TIME_REAL + 60))" "LOG_DIR=$DIR/log" "ADDONS_PATH=$addons" \
        "STATIC_TRY=${static% }"
    local user=""
    if [ "$(id -u)" -eq 0 ]; then
        # nginx's workers do not run as root: they need its temp and cache
        # directories (and read the addons' static files).
        user="user www-data;"
        chown -R www-data "$DIR/run/nginx" "$DIR/cache"
    fi
    render "$DEPLOY/nginx/nginx.conf.in" "$DIR/run/nginx.conf" "USER=$user" \
        "RUN_DIR=$DIR/run" "LOG_DIR=$DIR/log"
}

pg_conf() {
    local out=$1 buffers=$(( RAM_MB / 4 ))
    render "$DEPLOY/postgresql/95-school.conf.in" "$out" "RAM_MB=$RAM_MB" "CORES=$CORES" \
        "MAX_CONNECTIONS=$(( MAX_CONNECTIONS > 100 ? MAX_CONNECTIONS : 100 ))" \
        "SHARED_BUFFERS_MB=$buffers" "EFFECTIVE_CACHE_MB=$(( RAM_MB / 2 ))" \
        "WORK_MEM_MB=$(( RAM_MB / 4 / 100 > 64 ? 64 : (RAM_MB / 4 / 100 < 8 ? 8 : RAM_MB / 4 / 100) ))" \
        "MAINTENANCE_WORK_MEM_MB=$(( RAM_MB / 16 > 1024 ? 1024 : RAM_MB / 16 ))"
}

cmd_pg_conf() {
    local out
    out=$(mktemp)
    pg_conf "$out"
    if [ "${1:-}" != --install ]; then
        cat "$out"
        rm -f "$out"
        return
    fi
    local version
    version=$(ls /etc/postgresql 2>/dev/null | sort -V | tail -n 1)
    [ -n "$version" ] || die "no local PostgreSQL cluster (/etc/postgresql is empty)"
    install -m 644 "$out" "/etc/postgresql/$version/main/conf.d/95-school.conf"
    rm -f "$out"
    log "installed /etc/postgresql/$version/main/conf.d/95-school.conf; restart PostgreSQL to apply it"
    log "(pg_ctlcluster $version main restart)"
}

pid_alive() { [ -s "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

check_free() {
    local port
    for port in "$LISTEN" "${HTTP_PORTS[@]}" "${GEVENT_PORTS[@]}"; do
        if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
            die "port $port is taken (is \`./school serve\` already running? \`./school serve status\`)"
        fi
    done
}

check_postgres() {
    local have
    have=$(psql -h "$PGHOST" -p "$PGPORT" -U "$DB_USER" -d postgres -tAc "SHOW max_connections") \
        || die "PostgreSQL does not answer on $PGHOST:$PGPORT"
    if [ "$have" -lt "$MAX_CONNECTIONS" ]; then
        log "warning: PostgreSQL allows $have connections, this configuration may open $MAX_CONNECTIONS"
        log "(./school serve pg-conf --install, then restart PostgreSQL)"
    fi
}

start_all() {
    pid_alive "$DIR/run/nginx.pid" && die "already running (./school serve stop)"
    # A school installs the addons it needs (a Peruvian one no SIGE
    # connector): school_base is enough to serve.
    [ "$(psql -h "$PGHOST" -p "$PGPORT" -U "$DB_USER" -d "$DB" -tAc \
        "SELECT state FROM ir_module_module WHERE name = 'school_base'" 2>/dev/null)" = installed ] \
        || die "database $DB lacks the suite: create it first (./school run creates school_demo)"
    ensure_nginx
    check_free
    check_postgres
    render_all
    local i
    for i in "${!HTTP_PORTS[@]}"; do
        setsid "${ODOO[@]}" -c "$DIR/odoo-http-$((i + 1)).conf" \
            --pidfile "$DIR/run/odoo-http-$((i + 1)).pid" >>"$DIR/log/odoo-http-$((i + 1)).out" 2>&1 &
    done
    setsid "${ODOO[@]}" -c "$DIR/odoo-cron.conf" --pidfile "$DIR/run/odoo-cron.pid" \
        >>"$DIR/log/odoo-cron.out" 2>&1 &
    nginx -t -q -c "$DIR/run/nginx.conf" -g "error_log $DIR/log/nginx-error.log;" \
        || die "nginx refused $DIR/run/nginx.conf"
    nginx -c "$DIR/run/nginx.conf" -g "error_log $DIR/log/nginx-error.log;"
    # Ready when every host answers through nginx (at most 2 minutes).
    local n ok
    for n in $(seq 1 120); do
        ok=0
        for i in "${!HTTP_PORTS[@]}"; do
            curl -sf -o /dev/null "http://127.0.0.1:${HTTP_PORTS[$i]}/web/login" && ok=$((ok + 1))
        done
        if [ "$ok" = "$HOSTS" ] && curl -sf -o /dev/null "http://127.0.0.1:$LISTEN/web/login"; then
            log "serving $DB on http://127.0.0.1:$LISTEN (nginx) -> Odoo ${HTTP_PORTS[*]} ($WORKERS workers each, websocket ${GEVENT_PORTS[*]}), crons apart; logs in $DIR/log"
            return 0
        fi
        sleep 1
    done
    stop_all
    die "Odoo did not answer within 2 minutes: see $DIR/log/"
}

stop_all() {
    local pidfile pid n
    if pid_alive "$DIR/run/nginx.pid"; then
        nginx -c "$DIR/run/nginx.conf" -g "error_log $DIR/log/nginx-error.log;" -s quit 2>/dev/null \
            || kill "$(cat "$DIR/run/nginx.pid")"
    fi
    for pidfile in "$DIR"/run/odoo-*.pid; do
        [ -e "$pidfile" ] || continue
        pid=$(cat "$pidfile")
        # Odoo's master stops its workers on SIGTERM (a graceful shutdown).
        kill -0 "$pid" 2>/dev/null && kill -TERM "$pid"
        for n in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
        kill -0 "$pid" 2>/dev/null && kill -KILL "$pid"
        rm -f "$pidfile"
    done
    for n in $(seq 1 10); do pid_alive "$DIR/run/nginx.pid" || break; sleep 1; done
    log "stopped"
}

status() {
    local pidfile name any=""
    for pidfile in "$DIR/run/nginx.pid" "$DIR"/run/odoo-*.pid; do
        [ -e "$pidfile" ] || continue
        name=$(basename "$pidfile" .pid)
        if pid_alive "$pidfile"; then echo "$name: running (pid $(cat "$pidfile"))"; else echo "$name: stopped"; fi
        any=1
    done
    [ -n "$any" ] || echo "not running"
}

case "${1:-}" in
    "")
        start_all
        trap 'stop_all; exit 0' INT TERM
        log "Ctrl+C stops it"
        while pid_alive "$DIR/run/nginx.pid"; do sleep 2; done
        stop_all
        ;;
    start) start_all ;;
    stop) stop_all ;;
    status) status ;;
    pg-conf) shift; cmd_pg_conf "$@" ;;
    *) sed -n '2,26p' "$0"; exit 2 ;;
esac
