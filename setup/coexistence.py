"""Coexistence gate: Odoo's own tests must not break when our addons are installed.

Runs the test suites of the Odoo apps our addons extend through pytest-odoo
(which loads the whole registry, so our overrides are active) on two
databases holding the same Odoo apps, one without and one with our addons,
then compares the two JUnit reports test by test. It fails on every test
that passes without our addons and fails, errors, is skipped or is missing
with them. Tests failing on both databases come from the environment: they
are counted, not judged. Nothing is kept by hand: the database without our
addons is the reference. A test that fails only with our addons is run once
more, alone, on that database (up to --max-reruns of them): one that passes
then is reported as flaky (a browser tour timing out on a busy machine), not
as a regression.

    python setup/coexistence.py --config .local/odoo.conf \\
        --without DB_WITHOUT --with DB_WITH --out .local/test-logs/coexistence

Writes into --out: without.log/.xml, with.log/.xml, rerun.log/.xml
(pytest's output and JUnit report of each run), regressions.txt,
environment.txt, flaky.txt.
Exit status: 0 no regression, 1 regressions (listed), 2 a run did not
complete (see its log).
"""

import argparse
import configparser
import os
import signal
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from collections import Counter, defaultdict, namedtuple
from pathlib import Path

import odoo.addons  # where Odoo's own addons are (base); no registry is loaded here

SETUP_DIR = Path(__file__).resolve().parent

# "<addon>:<path in the addon>": the suites of the Odoo apps whose models our
# addons extend. First those measured by issue 14 (crm.lead, crm.stage,
# event.*, res.partner, mailing.*, link.tracker.click), then the files of
# other Odoo suites that test a model or method we override: ir.qweb
# (_compile), res.users (create), res.config.settings, mail.message (create),
# mail.activity and its scheduling wizard, mail.template rendering, the mail
# composer on a partner's form, sale.order (action_confirm). Left out for
# time (seconds per run on a busy 2-core machine): product/tests (60;
# product.template only gains a count and a button),
# mail/tests/test_res_users.py (63) and test_mail_template.py (69), as
# base's test_res_users.py and mail's test_mail_render.py already test
# res.users.create and template rendering,
# account/tests/test_account_move_out_invoice.py (321; account.move._post).
SUITES = [
    "crm:tests",
    "event_crm:tests",
    "event:tests",
    "sale_crm:tests",
    "mass_mailing:tests",
    "link_tracker:tests",
    "base:tests/test_res_partner.py",
    "base:tests/test_res_partner_merge.py",
    "partner_firstname:tests",
    "crm_stage_probability:tests",
    "base:tests/test_qweb.py",
    "base:tests/test_res_users.py",
    "base:tests/test_res_config.py",
    "mail:tests/test_mail_message.py",
    "mail:tests/test_mail_activity.py",
    "mail:tests/test_mail_render.py",
    "mail:tests/test_mail_composer.py",
    "mail:tests/test_res_partner.py",
    "sale:tests/test_sale_order.py",
]

SIDES = ("without", "with")
FAILED = ("failed", "error")
Result = namedtuple("Result", "outcome message seconds nodeid suite")
RUNNING = {}  # pid: name of the pytest runs under way


def addon_dirs(config_file):
    """Directories holding addons: the configuration's addons_path and
    Odoo's own odoo/addons (base)."""
    config = configparser.ConfigParser()
    config.read(config_file)
    dirs = [Path(p.strip()) for p in config.get("options", "addons_path", fallback="").split(",") if p.strip()]
    return [*dirs, *map(Path, odoo.addons.__path__)]


def suite_paths(suites, config_file):
    """{suite: its absolute path}."""
    dirs = addon_dirs(config_file)
    paths = {}
    for suite in suites:
        addon, _sep, rel = suite.partition(":")
        found = [d / addon / rel for d in dirs if (d / addon / "__manifest__.py").is_file()]
        if not found or not found[0].exists():
            sys.exit(f"coexistence: suite {suite} not found in {', '.join(map(str, dirs))}")
        paths[suite] = str(found[0])
    return paths


def pytest_command(db, args, junit):
    return [
        sys.executable,
        "-m",
        "pytest",
        "-c",
        str(SETUP_DIR / "coexistence.ini"),
        # node ids from absolute paths: pytest mangles those outside its rootdir
        "--rootdir=/",
        f"--odoo-config={args.config}",
        f"--odoo-database={db}",
        "--odoo-http",
        f"--odoo-log-level={args.odoo_log_level}",
        f"--junitxml={junit}",
        "-q",
    ]


def start(args, side, name, targets):
    """Start pytest on the database of `side`; its output and report are
    `name`.log and `name`.xml in --out."""
    out = Path(args.out)
    junit, log = out / f"{name}.xml", out / f"{name}.log"
    junit.unlink(missing_ok=True)
    print(f"coexistence: {len(targets)} suites or tests on {getattr(args, side)} ({side} our addons), log {log}")
    with open(log, "w") as log_file:
        proc = subprocess.Popen(
            [*pytest_command(getattr(args, side), args, junit), *targets],
            stdout=log_file,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # a process group of its own, with its browsers: see stop_runs
        )
    RUNNING[proc.pid] = name


def stop_runs(signum, _frame):
    """Interrupted (Ctrl-C, or setup/test.sh stopping the gate): the runs and
    their browsers go too. SIGKILL, because pytest-odoo's HTTP server turns a
    first SIGTERM into a KeyboardInterrupt that a browser tour can outlive."""
    for pid in RUNNING:
        try:
            os.killpg(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    sys.exit(128 + signum)


def reap(started):
    """Wait for one run; print its wall and CPU time (its browsers included)."""
    pid, status, usage = os.wait4(-1, 0)
    name = RUNNING.pop(pid)
    print(
        f"coexistence: run {name} done in {time.monotonic() - started:.0f} s "
        f"(CPU {usage.ru_utime + usage.ru_stime:.0f} s)",
        flush=True,
    )
    return {name: os.waitstatus_to_exitcode(status)}


def run_both(args, paths):
    """Both runs, in parallel unless --sequential; returns {side: exit code}."""
    codes = {}
    started = time.monotonic()
    for side in SIDES:
        start(args, side, side, paths)
        if args.sequential:
            codes.update(reap(started))
    while RUNNING:
        codes.update(reap(started))
    return codes


def locate(case, paths):
    """(suite, test id, pytest node id) of a JUnit test case. Its classname is
    pytest's node id with / as . (opt.odoo19.addons.crm.tests.test_x.Class):
    matched against the suites' paths, the file is found again. The test id,
    <addon>/<path>::<Class>::<test>, reads the same on both databases."""
    classname, name = case.get("classname", ""), case.get("name", "")
    if not classname:  # a file that could not be collected: its path is the name
        classname, name = name, "(collection)"
    for suite, path in paths.items():
        dotted = path.lstrip("/").replace("/", ".").removesuffix(".py")
        if not classname.startswith(dotted + "."):
            continue
        module, _sep, cls = classname[len(dotted) + 1 :].rpartition(".")
        if path.endswith(".py"):
            if module:
                continue
            file = path
        else:
            file = f"{path}/{module.replace('.', '/')}.py"
        return suite, f"{file.rpartition('/addons/')[2]}::{cls}::{name}", f"{file}::{cls}::{name}"
    return "?", f"{classname}::{name}", None


def first_line(text):
    for line in (text or "").splitlines():
        if line.strip():
            return line.strip()[:300]
    return ""


def read_junit(path, paths):
    """{test id: Result}."""
    results = {}
    for case in ET.parse(path).getroot().iter("testcase"):
        suite, tid, nodeid = locate(case, paths)
        outcome, message = "passed", ""
        for child in case:
            if child.tag in ("failure", "error", "skipped"):
                outcome = {"failure": "failed", "error": "error", "skipped": "skipped"}[child.tag]
                message = first_line(child.get("message")) or first_line(child.text)
                if outcome != "skipped":
                    break
        seconds = float(case.get("time") or 0)
        if tid in results:  # a teardown error after the call: one test, failed
            old = results[tid]
            if old.outcome in FAILED:
                outcome, message = old.outcome, old.message
            seconds += old.seconds
        results[tid] = Result(outcome, message, seconds, nodeid, suite)
    return results


def compare(without, with_):
    """Regressions: passed without our addons, not passed with them."""
    regressions, environment, fixed = {}, [], []
    for tid, result in sorted(without.items()):
        other = with_.get(tid) or result._replace(outcome="missing", message="not run with our addons (see with.log)")
        if result.outcome == "passed" and other.outcome != "passed":
            regressions[tid] = other
        elif result.outcome in FAILED and other.outcome in FAILED:
            environment.append(tid)
        elif result.outcome in FAILED and other.outcome == "passed":
            fixed.append(tid)
    return regressions, environment, fixed


def rerun(args, regressions, paths):
    """Run the regressed tests once more, alone, with our addons: the ids of
    those that pass then (flaky). At most --max-reruns of them, and only
    those that failed in the test itself, as a browser tour timing out does:
    a class whose setup fails makes all its tests fail the same way."""
    out = Path(args.out)
    candidates = [
        tid for tid, result in regressions.items() if result.nodeid and not result.message.startswith("failed on setup")
    ]
    if len(candidates) > args.max_reruns:
        print(f"coexistence: {len(candidates) - args.max_reruns} regressions over --max-reruns: not run again")
        candidates = candidates[: args.max_reruns]
    if not candidates:
        return []
    started = time.monotonic()
    start(args, "with", "rerun", [regressions[tid].nodeid for tid in candidates])
    reap(started)
    if not (out / "rerun.xml").exists():
        return []
    again = read_junit(out / "rerun.xml", paths)
    return [tid for tid in candidates if tid in again and again[tid].outcome == "passed"]


def print_table(results, regressions, suites):
    by_suite = defaultdict(lambda: {side: Counter() for side in SIDES})
    seconds = defaultdict(lambda: dict.fromkeys(SIDES, 0.0))
    for side in SIDES:
        for result in results[side].values():
            by_suite[result.suite][side][result.outcome] += 1
            seconds[result.suite][side] += result.seconds
    regressed = Counter(result.suite for result in regressions.values())
    width = max(len(s) for s in [*suites, "suite"])
    head = f"{'suite':{width}} {'tests':>5} {'pass w/o':>8} {'pass w/':>8} {'regr.':>6} {'s w/o':>6} {'s w/':>6}"
    print(head)
    print("-" * len(head))

    def row(name, count, secs, regr):
        tests = sum(count["without"].values())
        print(
            f"{name:{width}} {tests:5} {count['without']['passed']:8} {count['with']['passed']:8} {regr:6} "
            f"{secs['without']:6.0f} {secs['with']:6.0f}"
        )

    total, total_sec = {side: Counter() for side in SIDES}, dict.fromkeys(SIDES, 0.0)
    for suite in [*suites, "?"]:
        if suite in by_suite:
            row(suite, by_suite[suite], seconds[suite], regressed[suite])
            for side in SIDES:
                total[side].update(by_suite[suite][side])
                total_sec[side] += seconds[suite][side]
    print("-" * len(head))
    row("total", total, total_sec, len(regressions))


def report(out, regressions, environment, fixed, flaky):
    (out / "environment.txt").write_text("".join(f"{tid}\n" for tid in environment))
    (out / "flaky.txt").write_text("".join(f"{tid}\n" for tid in flaky))
    listing = "".join(f"{tid}  [{r.outcome}]  {r.message}\n" for tid, r in regressions.items())
    (out / "regressions.txt").write_text(listing)
    print(
        f"coexistence: {len(environment)} tests fail on both databases (environment, not judged: "
        f"environment.txt), {len(fixed)} fail only without our addons, "
        f"{len(flaky)} failed with our addons and passed when run again (flaky.txt)"
    )
    if not regressions:
        print("coexistence: no Odoo test broken by our addons")
        return 0
    print(f"coexistence: {len(regressions)} tests pass without our addons and not with them:")
    print(listing, end="")
    print("coexistence: the same, by message:")
    for message, count in Counter(r.message for r in regressions.values()).most_common():
        print(f"{count:5}  {message}")
    print(f"coexistence: FAILED ({out / 'regressions.txt'}; tracebacks in {out / 'with.log'})")
    return 1


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--config", required=True, help="Odoo configuration file")
    parser.add_argument("--without", required=True, help="database with the Odoo apps only")
    parser.add_argument("--with", dest="with", required=True, help="the same apps and our addons")
    parser.add_argument("--out", required=True, help="directory of the logs and JUnit reports")
    parser.add_argument("--suite", action="append", help="addon:path, instead of the default suites")
    parser.add_argument("--sequential", action="store_true", help="one run after the other")
    parser.add_argument("--compare-only", action="store_true", help="compare the reports already in --out")
    parser.add_argument("--max-reruns", type=int, default=10, help="run regressions again up to this many")
    parser.add_argument("--odoo-log-level", default="warn")
    args = parser.parse_args()
    args.config = str(Path(args.config).resolve())
    signal.signal(signal.SIGTERM, stop_runs)
    signal.signal(signal.SIGINT, stop_runs)
    suites = args.suite or SUITES
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    paths = suite_paths(suites, args.config)
    if not args.compare_only:
        codes = run_both(args, list(paths.values()))
        # 0 all passed, 1 some failed: both are complete runs
        broken = [side for side in SIDES if codes[side] not in (0, 1) or not (out / f"{side}.xml").exists()]
        for side in broken:
            print(f"coexistence: the run {side} our addons did not complete (exit {codes[side]}):")
            print("".join((out / f"{side}.log").read_text(errors="replace").splitlines(True)[-30:]))
        if broken:
            return 2
    results = {side: read_junit(out / f"{side}.xml", paths) for side in SIDES}
    regressions, environment, fixed = compare(results["without"], results["with"])
    flaky = [] if args.compare_only else rerun(args, regressions, paths)
    for tid in flaky:
        del regressions[tid]
    print_table(results, regressions, suites)
    return report(out, regressions, environment, fixed, flaky)


if __name__ == "__main__":
    sys.exit(main())
