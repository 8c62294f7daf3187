"""Database outage drill: what readers see when PostgreSQL goes away and comes back.

Starts a private PostgreSQL cluster (never the shared one) and gunicorn with production
settings on 127.0.0.1, loads the demo content, and measures under a bounded load:

1. normal service: every answer 200;
2. PostgreSQL stopped: pages answer a bilingual 503 with Retry-After in under 1 s, /healthz
   503, no traceback anywhere;
3. PostgreSQL started again: seconds until pages answer 200 again (target < 2 s), no restart;
4. an idle restart of PostgreSQL (the workers hold persistent connections): zero 5xx after;
5. optionally (--wrk-seconds) wrk with 64 connections against the page-cached site.

Usage (as root or as a user who may run PostgreSQL's initdb):
    .venv/bin/python scripts/db_outage_drill.py [--wrk-seconds 60]
Prints a JSON report and exits non-zero when an expectation fails.
"""

import argparse
import http.client
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
PATHS = ["/", "/en/"]


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def pg_bin(name):
    found = sorted(Path("/usr/lib/postgresql").glob(f"*/bin/{name}"))
    if not found:
        raise SystemExit(f"PostgreSQL's {name} is not installed")
    return str(found[-1])


class Cluster:
    """A throwaway PostgreSQL cluster owned by the postgres user when we are root."""

    def __init__(self):
        self.dir = Path(tempfile.mkdtemp(prefix="pluginnovation-drill-pg."))
        self.port = free_port()
        self.as_postgres = os.geteuid() == 0
        if self.as_postgres:
            shutil.chown(self.dir, "postgres")

    def run(self, *command, check=True):
        if self.as_postgres:
            command = ("runuser", "-u", "postgres", "--", *command)
        return subprocess.run(command, check=check, capture_output=True, text=True)

    def init(self):
        self.run(pg_bin("initdb"), "-D", str(self.dir / "data"), "--auth=trust", "-U", "postgres")
        self.start()
        subprocess.run(
            [pg_bin("psql"), "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", "-q"]
            + ["-c", "CREATE ROLE drill LOGIN CREATEDB", "-c", "CREATE DATABASE drill OWNER drill"],
            check=True,
            capture_output=True,
        )

    def pg_ctl(self, *args):
        options = f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.dir} -c fsync=off"
        return self.run(
            pg_bin("pg_ctl"),
            "-D",
            str(self.dir / "data"),
            "-l",
            str(self.dir / "server.log"),
            "-w",
            "-o",
            options,
            *args,
        )

    def start(self):
        self.pg_ctl("start")

    def stop(self):
        self.pg_ctl("-m", "fast", "stop")

    def restart(self):
        self.pg_ctl("-m", "fast", "restart")

    @property
    def url(self):
        return f"postgres://drill@127.0.0.1:{self.port}/drill"

    def destroy(self):
        if (self.dir / "data" / "postmaster.pid").exists():
            self.pg_ctl("-m", "immediate", "stop")
        shutil.rmtree(self.dir, ignore_errors=True)


def get(port, path, timeout=10):
    started = time.monotonic()
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        connection.request("GET", path, headers={"Host": "127.0.0.1"})
        response = connection.getresponse()
        body = response.read().decode("utf-8", "replace")
        return response.status, time.monotonic() - started, body, dict(response.getheaders())
    except OSError as error:
        return f"socket error: {error}", time.monotonic() - started, "", {}
    finally:
        connection.close()


def bounded_load(port, seconds, threads=8, paths=PATHS):
    """`threads` clients in a loop for `seconds`: statuses counted, slowest answer kept."""
    results = []
    lock = threading.Lock()
    deadline = time.monotonic() + seconds

    def client(index):
        local = []
        while time.monotonic() < deadline:
            status, elapsed, body, headers = get(port, paths[index % len(paths)])
            local.append((status, elapsed, body, headers))
        with lock:
            results.extend(local)

    workers = [threading.Thread(target=client, args=(i,)) for i in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    return results


def summarise(results):
    statuses = {}
    for status, *_ in results:
        statuses[str(status)] = statuses.get(str(status), 0) + 1
    latencies = sorted(elapsed for _, elapsed, *_ in results) or [0]
    return {
        "requests": len(results),
        "statuses": statuses,
        "max_seconds": round(latencies[-1], 3),
        "p95_seconds": round(latencies[int(len(latencies) * 0.95) - 1], 3),
        "tracebacks": sum("Traceback" in body for _, _, body, _ in results),
    }


def start_gunicorn(env, port, workers=2):
    process = subprocess.Popen(
        [PYTHON, "-m", "gunicorn", "pluginnovation.wsgi", "-b", f"127.0.0.1:{port}"]
        + ["-w", str(workers), "--timeout", "30", "--log-level", "warning"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    for _ in range(200):
        if isinstance(get(port, "/healthz", timeout=1)[0], int):
            return process
        time.sleep(0.1)
    process.kill()
    raise SystemExit("gunicorn did not start")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--load-seconds", type=float, default=5)
    parser.add_argument("--wrk-seconds", type=int, default=0)
    args = parser.parse_args()

    cluster = Cluster()
    cache_dir = tempfile.mkdtemp(prefix="pluginnovation-drill-cache.")
    env = {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        "DJANGO_SETTINGS_MODULE": "pluginnovation.settings.production",
        "SECRET_KEY": "drill-only-" + "x" * 50,
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        "CACHE_DIR": cache_dir,
        "STATIC_ROOT": str(Path(cache_dir) / "static"),
        # Every request must reach the database, or the cache would hide the outage.
        "PAGE_CACHE_SECONDS": "0",
        "LOG_LEVEL": "CRITICAL",
    }
    report = {}
    failures = []
    gunicorn = None
    try:
        cluster.init()
        env["DATABASE_URL"] = cluster.url
        for command in (["migrate", "--no-input"], ["load_demo"], ["collectstatic", "--no-input"]):
            subprocess.run(
                [PYTHON, "manage.py", *command], cwd=ROOT, env=env, check=True, capture_output=True
            )
        port = free_port()
        gunicorn = start_gunicorn(env, port)

        normal = summarise(bounded_load(port, args.load_seconds))
        report["1_normal"] = normal
        if set(normal["statuses"]) != {"200"}:
            failures.append("normal service answered something else than 200")

        cluster.stop()
        outage_results = bounded_load(port, args.load_seconds)
        outage = summarise(outage_results)
        health = get(port, "/healthz")
        outage["healthz"] = health[0]
        outage["retry_after"] = sorted({h.get("Retry-After") for *_, h in outage_results})
        outage["bilingual"] = all(
            "tillfälligt otillgänglig" in body and "temporarily unavailable" in body
            for _, _, body, _ in outage_results
        )
        report["2_postgresql_stopped"] = outage
        if set(outage["statuses"]) != {"503"} or health[0] != 503:
            failures.append("outage: not every answer was 503")
        if outage["max_seconds"] >= 1:
            failures.append("outage: an answer took 1 s or more")
        if outage["tracebacks"] or not outage["bilingual"]:
            failures.append("outage: traceback shown or page not bilingual")

        cluster.start()
        started = time.monotonic()
        recovered = None
        while time.monotonic() - started < 30:
            if get(port, "/")[0] == 200 and get(port, "/en/")[0] == 200:
                recovered = time.monotonic() - started
                break
            time.sleep(0.05)
        after = summarise(bounded_load(port, args.load_seconds))
        report["3_postgresql_back"] = {
            "seconds_to_first_200": None if recovered is None else round(recovered, 3),
            "load_after": after,
        }
        if recovered is None or recovered >= 2:
            failures.append("recovery took 2 s or more")
        if set(after["statuses"]) != {"200"}:
            failures.append("after recovery: not every answer was 200")

        # Idle restart: workers hold connections from the load above; nobody is requesting.
        cluster.restart()
        idle = summarise(bounded_load(port, args.load_seconds))
        report["4_idle_restart"] = idle
        if set(idle["statuses"]) != {"200"}:
            failures.append("idle restart caused a non-200 answer")

        if args.wrk_seconds:
            gunicorn.terminate()
            gunicorn.wait()
            env["PAGE_CACHE_SECONDS"] = "600"
            port = free_port()
            gunicorn = start_gunicorn(env, port, workers=4)
            wrk = subprocess.run(
                ["wrk", "-t2", "-c64", f"-d{args.wrk_seconds}s", "--latency"]
                + [f"http://127.0.0.1:{port}/"],
                capture_output=True,
                text=True,
                check=True,
            )
            report["5_wrk"] = wrk.stdout
            if "Non-2xx" in wrk.stdout or "Socket errors" in wrk.stdout:
                failures.append("wrk saw non-2xx answers or socket errors")
    finally:
        if gunicorn:
            gunicorn.terminate()
            gunicorn.wait()
        cluster.destroy()
        shutil.rmtree(cache_dir, ignore_errors=True)

    report["failures"] = failures
    print(json.dumps(report, indent=2, ensure_ascii=False))
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
