#!/usr/bin/env bash
# The suite's test run (./school test, .ci/run). Called by scripts/school.sh
# after setup, with REPO, VENV, ODOO_DIR, OEC_DIR, VAR, SCHOOL_ADDONS and the
# odoo/drop_db helpers exported.
#
#  1. static checks: ruff, pylint-odoo mandatory checks;
#  2. install every addon WITHOUT demo data in a fresh database;
#  3. install every addon WITH demo data in a fresh database and run our
#     tests (at_install and post_install, HttpCase tours in Chromium);
#  4. run OpenEduCat's own core and parent tests on that database, with our
#     addons installed;
#  5. update OpenEduCat's modules on that database and run the access matrix
#     (tests tagged school_access) again;
#  6. check that ./school odoo shell starts a shell;
#  7. check that every addon's .pot is current and every term has Spanish;
#  fail on any ERROR/CRITICAL log line, any skipped test, any failure;
#     print "N passed, N failed" last.
set -uo pipefail

LOGS=$VAR/test-logs
mkdir -p "$LOGS"
rm -f "$LOGS"/*.log
TEST_DB=${SCHOOL_TEST_DB:-school_test}
NODEMO_DB=${TEST_DB}_nodemo
problems=()
tests_run=0
tests_failed=0

pg_isready -q -h "$PGHOST" -p "$PGPORT" || die "PostgreSQL is not reachable on $PGHOST:$PGPORT"
"$VENV/bin/python" -c 'import odoo.release, websocket' || die "Odoo or websocket-client missing in $VENV"
[ -d "$OEC_DIR/openeducat_core" ] || die "OpenEduCat is missing ($OEC_DIR)"
command -v chromium >/dev/null || command -v chromium-browser >/dev/null || command -v google-chrome >/dev/null \
    || die "no Chromium: HttpCase tours would be skipped"

# ----------------------------------------------------------- 1. static ----
log "static checks: ruff"
if ! { "$VENV/bin/ruff" check --config "$REPO/pyproject.toml" "$REPO/addons" "$REPO/tests" "$REPO/scripts" \
        && "$VENV/bin/ruff" format --check --config "$REPO/pyproject.toml" "$REPO/addons" "$REPO/tests" "$REPO/scripts"; \
     } > "$LOGS/ruff.log" 2>&1; then
    cat "$LOGS/ruff.log"
    problems+=("ruff reported problems")
fi
if ! "$VENV/bin/python" "$REPO/scripts/gen_readme.py" --check; then
    problems+=("an addon README.rst is out of date (scripts/gen_readme.py)")
fi
log "static checks: pylint-odoo (mandatory checks)"
if ! "$VENV/bin/pylint" --rcfile="$REPO/.pylintrc-mandatory" "$REPO"/addons/* > "$LOGS/pylint.log" 2>&1; then
    cat "$LOGS/pylint.log"
    problems+=("pylint-odoo mandatory checks failed")
fi

# ------------------------------------------------------------ helpers ----
check_log() {
    # check_log LOGFILE LABEL: fail on ERROR/CRITICAL, failed demo data and skipped tests.
    local file=$1 label=$2 bad
    # Not counted: the test server closing a connection Chromium opened ahead
    # of time and never used (Odoo sets a 5 s timeout on test requests for
    # these preconnects, odoo/service/server.py RequestHandler.setup, and
    # werkzeug logs the close as an error). A real request that times out
    # fails its tour or test anyway.
    bad=$(grep -E '^[0-9-]+ [0-9:,]+ [0-9]+ (ERROR|CRITICAL) ' "$file" | grep -v 'tests when loading database' \
        | grep -vE " ERROR \? werkzeug: 127\.0\.0\.1 - - \[[^]]+\] Request timed out: TimeoutError\('timed out'\) - - -" || true)
    if [ -n "$bad" ]; then
        printf '%s\n' "$bad" | head -n 40
        problems+=("$label: ERROR/CRITICAL lines in $file")
    fi
    # Odoo logs a failing demo file as a WARNING and goes on without it.
    bad=$(grep -E 'demo data failed to install' "$file" || true)
    if [ -n "$bad" ]; then
        printf '%s\n' "$bad"
        problems+=("$label: demo data failed to install")
    fi
    bad=$(grep -E ' INFO [^ ]+ [^ ]+: skipped ' "$file" || true)
    if [ -n "$bad" ]; then
        printf '%s\n' "$bad"
        problems+=("$label: tests were skipped (a tour that does not run is a failure)")
    fi
}

count_tests() {
    # Add up Odoo's "X failed, Y error(s) of Z tests when loading database" line.
    local file=$1 label=$2 line failed errors total
    line=$(grep -E '[0-9]+ failed, [0-9]+ error\(s\) of [0-9]+ tests when loading database' "$file" | tail -n 1)
    if [ -z "$line" ]; then
        problems+=("$label: no test summary in $file (the run did not finish)")
        return
    fi
    read -r failed errors total < <(sed -E 's/.* ([0-9]+) failed, ([0-9]+) error\(s\) of ([0-9]+) tests.*/\1 \2 \3/' <<<"$line")
    log "$label: $total tests, $failed failed, $errors errors"
    if [ "$total" -eq 0 ]; then
        problems+=("$label: ran no test")
    fi
    tests_run=$((tests_run + total))
    tests_failed=$((tests_failed + failed + errors))
}

run_odoo() {
    # run_odoo LOGFILE LABEL ARGS...: run Odoo, keep its log, check its exit code.
    local file=$1 label=$2
    shift 2
    log "$label"
    odoo "$@" --http-port "${SCHOOL_TEST_HTTP_PORT:-8069}" --stop-after-init --log-level=info --logfile= > "$file" 2>&1
    local rc=$?
    if [ $rc -ne 0 ]; then
        tail -n 60 "$file"
        problems+=("$label: Odoo exited with $rc")
    fi
    check_log "$file" "$label"
}

# ------------------------------------------------- 2. install, no demo ----
drop_db "$NODEMO_DB"
run_odoo "$LOGS/install-nodemo.log" "install without demo data" \
    -d "$NODEMO_DB" -i "$SCHOOL_ADDONS" --without-demo=all
drop_db "$NODEMO_DB"

# ------------------------------------------- 3. install + our tests ------
drop_db "$TEST_DB"
tags=$(sed -E 's/(^|,)/\1\//g' <<<"$SCHOOL_ADDONS")
run_odoo "$LOGS/tests.log" "install with demo data and run the suite's tests" \
    -d "$TEST_DB" -i "$SCHOOL_ADDONS" --test-enable --test-tags "$tags"
count_tests "$LOGS/tests.log" "suite tests"

# ------------------------------------ 4. OpenEduCat's tests, with ours ----
for test_file in "$OEC_DIR/openeducat_core/tests/test_core.py" \
                 "$OEC_DIR/openeducat_parent/tests/test_parent.py"; do
    name=$(basename "$(dirname "$(dirname "$test_file")")")
    run_odoo "$LOGS/$name.log" "OpenEduCat tests: $name (with our addons installed)" \
        -d "$TEST_DB" --test-enable --test-tags "/$name" --test-file "$test_file"
    count_tests "$LOGS/$name.log" "$name tests"
done

# ------------- 5. rights as tested survive an update of OpenEduCat ------
# Updating OpenEduCat's modules reloads their groups and access records (and
# updates ours, which depend on them); the access matrix must still hold.
run_odoo "$LOGS/update-openeducat.log" "update openeducat_core and openeducat_parent, then the access matrix again" \
    -d "$TEST_DB" -u openeducat_core,openeducat_parent --test-enable --test-tags school_access
count_tests "$LOGS/update-openeducat.log" "access matrix after the update"

# ---------------------- 6. ./school odoo SUBCOMMAND (README promise) ----
log "./school odoo shell -d $TEST_DB"
# The shell must load the official OpenEduCat, as the server does.
if ! printf '%s\n' 'import odoo.addons.openeducat_core as oec' \
        "print(\"school-shell-ok\", env[\"res.company\"].search_count([]) > 0 and oec.__file__.startswith(\"$OEC_DIR/\"))" \
        | odoo shell -d "$TEST_DB" --no-http --log-level=warn 2>"$LOGS/shell.log" \
        | grep -q "school-shell-ok True"; then
    tail -n 20 "$LOGS/shell.log"
    problems+=("./school odoo shell did not start a shell on $TEST_DB")
fi

# ------------------------------------ 7. translations complete (es) ----
# Odoo drops a .po entry that the addon's .pot lacks: a stale .pot shows
# translated strings in English (scripts/check_i18n.py).
log "translation templates and Spanish"
rm -rf "$VAR/pots"
if ! export_pots "$TEST_DB" "$VAR/pots"; then
    tail -n 20 "$VAR/pots/export.log"
    problems+=("could not export the translation templates")
elif ! "$VENV/bin/python" "$REPO/scripts/check_i18n.py" "$VAR/pots" $(tr ',' ' ' <<<"$SCHOOL_ADDONS") \
        > "$LOGS/i18n.log"; then
    head -n 40 "$LOGS/i18n.log"
    problems+=("translations: a .pot is out of date or a term has no Spanish (./school pot DB; $LOGS/i18n.log)")
fi

# -------------------------------------------------------------- result ---
if [ ${#problems[@]} -gt 0 ]; then
    log "FAILED:"
    for p in "${problems[@]}"; do log " - $p"; done
fi
echo "$((tests_run - tests_failed)) passed, $tests_failed failed"
[ ${#problems[@]} -eq 0 ] && [ "$tests_failed" -eq 0 ]
