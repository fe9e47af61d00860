#!/usr/bin/env python3
"""The load test at the bell: every teacher saves the same block at once.

Run with ``./school bench load [options]`` (also the last scenario of
``./school bench``); not part of ./school test. Against the production
configuration (``./school serve``: nginx, Odoo in prefork, crons apart) on
loopback, with the 2,000-student school of ``./school bigschool``:

1. each course's teacher logs in with their own user through /web/login
   (its own session, as on their phone);
2. for each block: every teacher opens the block's page (GET), then all
   post it at the same instant (a barrier) through the portal form, the
   POST the phone makes, with its CSRF token: two exceptions (one absent,
   one late 5 minutes) and the signature. A connection error, a timeout or a
   5xx is retried as the phone's outbox does (backoff), the identical block
   again (a no-op on the server if the lost attempt went through);
3. the same with the courses of three schools of the sostenedor at once;
4. a session opened on one Odoo host saves through the other (with two
   hosts: SCHOOL_HTTP_PORTS=a,b).

Prints, per scenario: saves sent, saves lost after retries, connection
errors and retries seen by the clients, p50/p95/max of a save (POST to its
303) over all blocks and after the first (warm-up), and what the database
holds compared with what was sent (blocks signed, marks, audit rows).

Options: --courses N (45 per school), --blocks B (8), --schools 2964,2965,2966
(the second scenario's schools; the first uses the first one), --db DB
(SCHOOL_BENCH_DB or school_bench), --keep (leave the servers running).
Ports: SCHOOL_SERVE_PORT, SCHOOL_HTTP_PORTS, SCHOOL_GEVENT_PORTS as for
`./school serve` (started here when it is not running, stopped at the end).
"""

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time

import requests

REPO = os.environ["REPO"]
SCHOOL = os.path.join(REPO, "school")
HERE = os.path.dirname(os.path.abspath(__file__))
CSRF = re.compile(r'name="csrf_token"\s+value="([^"]+)"')
# The phone's outbox: 2 s, 4 s, 8 s... here shorter (a bench has no phone
# signal to wait for), bounded.
RETRY_DELAYS = (0.5, 1, 2, 4, 8, 8)
TIMEOUT = 60


def run(cmd, env=None):
    """Run a command of ./school quietly; its output when it fails."""
    result = subprocess.run(cmd, capture_output=True, text=True, env=env, check=False)
    if result.returncode:
        sys.stdout.write(result.stdout[-3000:] + result.stderr[-3000:])
        raise SystemExit("failed: %s" % " ".join(cmd))
    return result


def percentile(values, pct):
    if not values:
        return float("nan")
    ordered = sorted(values)
    k = (len(ordered) - 1) * pct / 100
    low = int(k)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (k - low)


class Teacher:
    """One teacher's phone: its own HTTP session."""

    def __init__(self, base, course, day, password):
        self.base = base
        self.course = course
        self.day = day
        self.password = password
        self.http = requests.Session()
        self.token = None

    def login(self, base=None):
        base = base or self.base
        page = self.http.get(base + "/web/login", timeout=TIMEOUT)
        token = CSRF.search(page.text).group(1)
        answer = self.http.post(
            base + "/web/login",
            data={
                "login": self.course["login"],
                "password": self.password,
                "csrf_token": token,
                "redirect": "/my/attendance",
            },
            timeout=TIMEOUT,
            allow_redirects=False,
        )
        if answer.status_code != 303 or "/web/login" in answer.headers.get("Location", ""):
            raise SystemExit("login of %s failed (%s)" % (self.course["login"], answer.status_code))

    def url(self, block, base=None):
        return "%s/my/attendance/%s/%s/%s" % (
            base or self.base,
            self.course["batch"],
            self.day,
            block,
        )

    def open_block(self, block, stats, base=None):
        """The teacher opens the block's page: its form's CSRF token (the
        page is loaded again when it does not come)."""
        for delay in (0, *RETRY_DELAYS):
            time.sleep(delay)
            try:
                page = self.http.get(self.url(block, base), timeout=TIMEOUT)
            except requests.RequestException as err:
                stats.event("page: connection error: %s" % type(err).__name__)
                continue
            if page.status_code >= 500:
                stats.event("page: HTTP %s" % page.status_code)
                continue
            page.raise_for_status()
            self.token = CSRF.search(page.text).group(1)
            return
        raise SystemExit("the page of block %s never came" % block)

    def form(self):
        absent, late = self.course["absent"], self.course["late"]
        return {
            "csrf_token": self.token,
            "mark_%s" % absent: "absent",
            "mark_%s" % late: "late",
            "late_%s" % late: "5",
            "sign": "1",
        }

    def save(self, block, stats, base=None):
        """Post the block as the phone does; retry what got no answer."""
        start = time.perf_counter()
        for attempt, delay in enumerate((0, *RETRY_DELAYS)):
            time.sleep(delay)
            try:
                answer = self.http.post(
                    self.url(block, base), data=self.form(), timeout=TIMEOUT, allow_redirects=False
                )
            except requests.RequestException as err:
                stats.event("connection error: %s" % type(err).__name__)
                continue
            if answer.status_code >= 500:
                stats.event("HTTP %s" % answer.status_code)
                continue
            elapsed = time.perf_counter() - start
            ok = answer.status_code == 303 and "saved=1" in answer.headers.get("Location", "")
            stats.done(block, elapsed, ok, attempt, None if ok else answer.text[-300:])
            return
        stats.done(block, time.perf_counter() - start, False, len(RETRY_DELAYS), "no answer")


class Stats:
    def __init__(self):
        self.lock = threading.Lock()
        self.events = {}
        self.times = {}
        self.lost = []
        self.retried = 0

    def event(self, kind):
        with self.lock:
            self.events[kind] = self.events.get(kind, 0) + 1

    def done(self, block, elapsed, ok, attempt, error):
        with self.lock:
            self.times.setdefault(block, []).append(elapsed)
            self.retried += bool(attempt)
            if not ok:
                self.lost.append((block, error))


def in_threads(teachers, func):
    errors = []

    def wrapped(teacher):
        try:
            func(teacher)
        except Exception as err:  # reported below, the bench goes on
            errors.append("%s: %r" % (teacher.course["login"], err))

    threads = [threading.Thread(target=wrapped, args=(t,)) for t in teachers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if errors:
        raise SystemExit("\n".join(errors[:10]))


def scenario(label, base, run_file, db, blocks):
    with open(run_file) as handle:
        prepared = json.load(handle)
    teachers = [
        Teacher(base, course, prepared["day"], prepared["password"])
        for school in prepared["schools"]
        for course in school["courses"]
    ]
    # Teachers log in over the morning, not at the bell (a login hashes the
    # password: ~0.4 s of CPU): a few at a time.
    logins = threading.Semaphore(4)

    def login(teacher):
        with logins:
            teacher.login()

    in_threads(teachers, login)
    stats = Stats()
    for block in range(1, blocks + 1):
        in_threads(teachers, lambda t, b=block: t.open_block(b, stats))
        barrier = threading.Barrier(len(teachers))

        def save(teacher, b=block, barrier=barrier):
            barrier.wait()
            teacher.save(b, stats)

        in_threads(teachers, save)
    # What the database holds.
    with tempfile.NamedTemporaryFile(suffix=".json") as out:
        run(
            [
                SCHOOL,
                "script",
                os.path.join(HERE, "load_prepare.py"),
                db,
                "--check",
                run_file,
                "--out",
                out.name,
                "--log-level=warn",
            ]
        )
        held = json.load(open(out.name))
    sent = len(teachers) * blocks
    enrolled = {c["batch"]: c["enrolled"] for s in prepared["schools"] for c in s["courses"]}
    good = [
        row
        for row in held
        if row["state"] == "signed"
        and row["lines"] == enrolled[row["batch"]]
        and row["absent"] == 1
        and row["late"] == 1
        and row["logs"] == 1
    ]
    all_times = [t for times in stats.times.values() for t in times]
    warm = [t for block, times in stats.times.items() if block > 1 for t in times]
    print(
        "-- %s: %d teachers x %d blocks, day %s --"
        % (label, len(teachers), blocks, prepared["day"])
    )
    print(
        "saves sent %d, answered 'saved' %d, lost after retries %d; saves retried %d"
        % (sent, sent - len(stats.lost), len(stats.lost), stats.retried)
    )
    print(
        "errors seen by the clients (then retried): %s"
        % (", ".join("%s x%d" % kv for kv in sorted(stats.events.items())) or "none")
    )
    print(
        "save (POST to its answer): p50 %.0f ms, p95 %.0f ms, max %.0f ms; after the first"
        " block: p50 %.0f ms, p95 %.0f ms, max %.0f ms"
        % (
            1000 * statistics.median(all_times),
            1000 * percentile(all_times, 95),
            1000 * max(all_times),
            1000 * (statistics.median(warm) if warm else float("nan")),
            1000 * percentile(warm, 95),
            1000 * (max(warm) if warm else float("nan")),
        )
    )
    print(
        "database: %d blocks of %d sent, %d signed with the marks sent (enrolled marks, 1 absent,"
        " 1 late 5 min, 1 audit row); marks %d (expected %d)"
        % (
            len(held),
            sent,
            len(good),
            sum(row["lines"] for row in held),
            sum(enrolled.values()) * blocks,
        )
    )
    for block, error in stats.lost[:5]:
        print("  lost, block %s: %s" % (block, error))
    return not stats.lost and len(good) == sent


def host_switch(ports, run_file):
    """A session opened on the first Odoo host saves through the second."""
    with open(run_file) as handle:
        prepared = json.load(handle)
    course = prepared["schools"][0]["courses"][0]
    one, two = ("http://127.0.0.1:%s" % port for port in ports[:2])
    teacher = Teacher(one, course, prepared["day"], prepared["password"])
    teacher.login()
    stats = Stats()
    teacher.open_block(1, stats, base=two)
    teacher.save(1, stats, base=two)
    ok = not stats.lost
    print(
        "session of host %s used on host %s: %s"
        % (ports[0], ports[1], "saved (sessions are shared)" if ok else "FAILED %s" % stats.lost)
    )
    return ok


def prepare(db, rbds, courses, blocks):
    out = tempfile.NamedTemporaryFile(suffix=".json", delete=False).name
    run(
        [
            SCHOOL,
            "script",
            os.path.join(HERE, "load_prepare.py"),
            db,
            "--rbds",
            ",".join(rbds),
            "--courses",
            str(courses),
            "--blocks",
            str(blocks),
            "--out",
            out,
            "--log-level=warn",
        ]
    )
    return out


def ensure_database(db, rbds):
    """The database with the suite and the schools (./school bigschool
    creates it when needed and skips a school already there)."""
    for rbd in rbds:
        run([SCHOOL, "bigschool", db, "--rbd", rbd])


def main(argv):
    parser = argparse.ArgumentParser(prog="./school bench load")
    parser.add_argument("--db", default=os.environ.get("SCHOOL_BENCH_DB", "school_bench"))
    parser.add_argument("--courses", type=int, default=45)
    parser.add_argument("--blocks", type=int, default=8)
    parser.add_argument("--schools", default="2964,2965,2966")
    parser.add_argument("--keep", action="store_true")
    parser.add_argument(
        "--scenarios", default="one,many", help="one (a school), many (the three), or both"
    )
    own = parser.parse_args(argv)
    rbds = own.schools.split(",")
    ports = os.environ.get("SCHOOL_HTTP_PORTS", "8069").split(",")
    base = "http://127.0.0.1:%s" % os.environ.get("SCHOOL_SERVE_PORT", "8080")
    ensure_database(own.db, rbds)
    env = dict(os.environ, SCHOOL_DB=own.db)
    started = False
    status = subprocess.run(
        [SCHOOL, "serve", "status"], capture_output=True, text=True, env=env, check=False
    )
    if "nginx: running" not in status.stdout:
        print(run([SCHOOL, "serve", "start"], env=env).stderr.strip().splitlines()[-1])
        started = True
    print("== load test at the bell (%s), %s ==" % (time.strftime("%Y-%m-%d %H:%M"), own.db))
    print("production configuration: nginx %s -> Odoo %s" % (base, ", ".join(ports)))
    ok = True
    try:
        one = prepare(own.db, rbds[:1], own.courses, own.blocks)
        if len(ports) > 1:
            ok &= host_switch(ports, one)
            # That first save of block 1 is the run's own: take another day.
            one = prepare(own.db, rbds[:1], own.courses, own.blocks)
        if "one" in own.scenarios:
            ok &= scenario("one school", base, one, own.db, own.blocks)
        if "many" in own.scenarios:
            many = prepare(own.db, rbds, own.courses, own.blocks)
            ok &= scenario("%d schools of a sostenedor" % len(rbds), base, many, own.db, own.blocks)
    finally:
        if started and not own.keep:
            run([SCHOOL, "serve", "stop"], env=env)
    print("load test: %s" % ("nothing lost" if ok else "SAVES LOST OR WRONG"))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
