#!/usr/bin/env python
"""`make bench`: build a fresh database at a scale, serve it with gunicorn, measure with wrk.

    .venv/bin/python scripts/bench.py --scale 100            # SQLite file in a temp folder
    DATABASE_URL=postgres://u@127.0.0.1:5432/x scripts/bench.py --scale 100   # uses x_bench

Every figure comes from this machine and this run: wrk (2 threads, 8 connections, 10 s, two
runs; the better run is reported) against gunicorn with production settings and 2 workers on
127.0.0.1, first without the page cache, then with it; plus median in-process server time and
SQL query count per page, and the peak memory of a worker. "× static" is a page's req/s over
the static CSS's, measured before the first page and after every eighth, the mean of the two
measurements around the page. The table is printed and written to bench-results/.
"""

import argparse
import datetime
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
WRK = ["wrk", "-t2", "-c8", "-d10s", "--latency"]
STATIC_EVERY = 8


def run(args, env, **kwargs):
    return subprocess.run(args, cwd=ROOT, env=env, check=True, **kwargs)


def manage(env, *args, capture=False):
    result = run([PYTHON, "manage.py", *args], env, capture_output=capture, text=True)
    return result.stdout if capture else None


def fresh_database(scale, workdir):
    url = os.environ.get("DATABASE_URL")
    if not url:
        return f"sqlite:///{workdir / 'bench.sqlite3'}"
    import psycopg

    base, _, name = url.rpartition("/")
    bench_name = f"{name.split('?')[0]}_bench"
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{bench_name}"')
        conn.execute(f'CREATE DATABASE "{bench_name}"')
    return f"{base}/{bench_name}"


def settle(url):
    """VACUUM ANALYZE a PostgreSQL database once the data set is complete.

    VACUUM marks the new rows visible to every reader, which is what lets the listings read the
    page tree from an index alone, and ANALYZE gives the planner the search index's statistics.
    On a running site autovacuum has done both long before a reader comes; here it would come a
    minute after the bulk load, in the middle of the measurements, and change their plans.
    """
    if not url.startswith("postgres"):
        return
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("VACUUM ANALYZE")


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(url, seconds=30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=10)  # noqa: S310 - our own server on loopback
            return
        except OSError:  # refused while starting, or a slow first answer (URLError, timeout)
            time.sleep(0.3)
    raise RuntimeError(f"{url} did not answer")


def status_of(url):
    try:
        return urllib.request.urlopen(url, timeout=10).status  # noqa: S310 - loopback only
    except urllib.error.HTTPError as error:
        return error.code


def parse_wrk(output):
    def latency(label):
        match = re.search(rf"^\s+{label}%\s+([\d.]+)(us|ms|s)\s*$", output, re.M)
        if not match:
            return None
        value, unit = float(match.group(1)), match.group(2)
        return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value

    rps = re.search(r"Requests/sec:\s+([\d.]+)", output)
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    socket_errors = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    return {
        "rps": float(rps.group(1)) if rps else 0.0,
        "p50": latency("50"),
        "p99": latency("99"),
        "non2xx": int(non2xx.group(1)) if non2xx else 0,
        "socket_errors": sum(map(int, socket_errors.groups())) if socket_errors else 0,
    }


def measure(base_url, path, quick=False):
    runs = []
    for _ in range(1 if quick else 2):
        command = [*WRK[:3], "-d5s", *WRK[4:]] if quick else WRK
        result = subprocess.run(
            [*command, base_url + path], capture_output=True, text=True, check=True, timeout=60
        )
        runs.append(parse_wrk(result.stdout))
    best = max(runs, key=lambda item: item["rps"])
    best["non2xx"] = sum(item["non2xx"] for item in runs)
    best["socket_errors"] = sum(item["socket_errors"] for item in runs)
    return best


def worker_peak_memory_mb(master_pid):
    peaks = []
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            text = status.read_text()
        except OSError:
            continue
        if re.search(rf"^PPid:\s+{master_pid}$", text, re.M):
            match = re.search(r"^VmHWM:\s+(\d+) kB", text, re.M)
            if match:
                peaks.append(int(match.group(1)) / 1024)
    return max(peaks) if peaks else None


def serve(env, port, cache_seconds):
    server_env = dict(env, PAGE_CACHE_SECONDS=str(cache_seconds))
    process = subprocess.Popen(
        [
            str(Path(PYTHON).parent / "gunicorn"),
            "pluginnovation.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "2",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=server_env,
    )
    try:
        wait_for(f"http://127.0.0.1:{port}/healthz")
    except BaseException:
        # A server that never answered must not outlive the run (it holds the database open).
        process.terminate()
        process.wait(timeout=30)
        raise
    return process


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, default=int(os.environ.get("SCALE", "100")))
    parser.add_argument("--keep", action="store_true", help="keep the database folder")
    parser.add_argument(
        "--quick", action="store_true", help="one 5 s wrk run per address instead of two of 10 s"
    )
    options = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is needed: apt-get install wrk")

    workdir = Path(tempfile.mkdtemp(prefix="pluginnovation-bench-"))
    env = dict(
        os.environ,
        DJANGO_SETTINGS_MODULE="pluginnovation.settings.production",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECURE_SSL_REDIRECT="false",
        STATIC_ROOT=str(workdir / "static"),
        MEDIA_ROOT=str(workdir / "media"),
        CACHE_DIR=str(workdir / "cache"),
        ALLOW_SYNTHETIC_CONTENT="true",
        LOG_LEVEL="WARNING",
    )
    env["DATABASE_URL"] = fresh_database(options.scale, workdir)
    started = time.monotonic()
    print(f"Building the data set at scale {options.scale} in {env['DATABASE_URL']} …")
    manage(env, "migrate", "--no-input", "-v0")
    manage(env, "load_demo")
    manage(env, "generate_content", "--scale", str(options.scale))
    manage(env, "update_index")
    settle(env["DATABASE_URL"])
    manage(env, "collectstatic", "--no-input", "-v0")
    manage(env, "compile_translations")
    build_seconds = time.monotonic() - started

    pages = json.loads(manage(env, "bench_urls", capture=True))
    paths = [path for _label, path in pages]
    in_process = json.loads(manage(env, "measure_pages", *paths, capture=True))

    rows = []
    for cache_seconds, label in ((0, "no page cache"), (600, "page cache")):
        port = free_port()
        server = serve(env, port, cache_seconds)
        base_url = f"http://127.0.0.1:{port}"
        try:
            for _name, path in pages:
                status_of(base_url + path)  # warm up
            # The static file is measured before the first page and again after every
            # STATIC_EVERY pages: each page is compared with the mean of the two measurements
            # around it, so a machine whose speed drifts during a pass (by a quarter within
            # minutes on a shared VM) moves the page and its reference together.
            static_path = pages_static(env)
            statics = [measure(base_url, static_path, options.quick)]
            block = []
            for number, (name, path) in enumerate(pages, start=1):
                result = measure(base_url, path, options.quick)
                # A line per page as it is measured, so a long run shows its progress.
                print(
                    f"{label}: {result['rps']:.0f} req/s, p99 {fmt(result['p99'])} ms  {path}",
                    flush=True,
                )
                block.append((name, path, result))
                if number % STATIC_EVERY == 0 or number == len(pages):
                    statics.append(measure(base_url, static_path, options.quick))
                    reference = (statics[-2]["rps"] + statics[-1]["rps"]) / 2
                    rows.extend((label, *row, reference) for row in block)
                    block = []
            rows.append(static_row(label, static_path, statics))
            memory = worker_peak_memory_mb(server.pid)
        finally:
            server.send_signal(signal.SIGTERM)
            server.wait(timeout=30)
        rows.append((label, "peak worker memory (MB)", "", {"memory": memory}, None))

    report = format_report(
        options.scale, env["DATABASE_URL"], build_seconds, rows, in_process, options.quick
    )
    print(report)
    out = ROOT / "bench-results"
    out.mkdir(exist_ok=True)
    stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
    (out / f"bench-{stamp}.md").write_text(report)
    if not options.keep:
        shutil.rmtree(workdir, ignore_errors=True)
    errors = sum(row[3].get("non2xx", 0) + row[3].get("socket_errors", 0) for row in rows)
    sys.exit(1 if errors else 0)


def static_row(label, path, statics):
    """The static file's row: the mean of its measurements in the pass, with their range."""
    rates = [item["rps"] for item in statics]
    mean = sum(rates) / len(rates)
    result = {
        "rps": mean,
        "p50": statics[0]["p50"],
        "p99": max((item["p99"] for item in statics if item["p99"] is not None), default=None),
        "non2xx": sum(item["non2xx"] for item in statics),
        "socket_errors": sum(item["socket_errors"] for item in statics),
    }
    name = f"static CSS (mean of {len(rates)}: {min(rates):.0f}-{max(rates):.0f} req/s)"
    return (label, name, path, result, mean)


def pages_static(env):
    manifest = json.loads((Path(env["STATIC_ROOT"]) / "staticfiles.json").read_text())
    return "/static/" + manifest["paths"]["css/site.css"]


def format_report(scale, database_url, build_seconds, rows, in_process, quick=False):
    engine = "PostgreSQL" if database_url.startswith("postgres") else "SQLite"
    wrk_runs = "wrk -t2 -c8 -d5s (one run, --quick)" if quick else "wrk -t2 -c8 -d10s (best of two)"
    lines = [
        f"# make bench: scale {scale}, {engine}, {datetime.date.today()}",
        "",
        f"Data set built in {build_seconds:.0f} s. {wrk_runs}, gunicorn 2 workers, "
        "production settings, 127.0.0.1.",
        "",
        "Server ms and SQL queries are measured in-process without the page cache: first as "
        "readers with a cookie meet a page between edits (its fragments and route cached), "
        "then right after an edit, when nothing is cached yet (cold).",
        "",
        "× static: the page's req/s over the static CSS's, which is measured before the first "
        f"page and after every {STATIC_EVERY}th; each page against the mean of the two "
        "measurements around it.",
        "",
        "| cache | page | path | req/s | p50 ms | p99 ms | × static | non-2xx/3xx | socket errors "
        "| server ms (median) | SQL queries | cold server ms | cold SQL queries |",
        "|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for label, name, path, result, static_rps in rows:
        if "memory" in result:
            memory = result["memory"]
            lines.append(
                f"| {label} | {name} | | {memory:.0f} | | | | | | | | | |" if memory else ""
            )
            continue
        measured = in_process.get(path, {})
        ratio = f"{result['rps'] / static_rps:.2f}" if static_rps else ""
        lines.append(
            f"| {label} | {name} | `{path}` | {result['rps']:.0f} | {fmt(result['p50'])} "
            f"| {fmt(result['p99'])} | {ratio} | {result['non2xx']} | {result['socket_errors']} "
            f"| {measured.get('median_ms', '')} | {measured.get('queries', '')} "
            f"| {measured.get('cold_median_ms', '')} | {measured.get('cold_queries', '')} |"
        )
    return "\n".join(lines) + "\n"


def fmt(value):
    return "" if value is None else f"{value:.1f}"


if __name__ == "__main__":
    main()
