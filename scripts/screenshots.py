"""Take the README's screenshots from the demo site, so they always show the site as it is.

Builds the demo content in a throwaway SQLite database, serves it with Django's development
server, and photographs each page with the system's Chromium (/usr/bin/chromium) at a wide
and a narrow screen width. Writes docs/screenshots/*.png; `make screenshots` runs it.
"""

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "screenshots"
CHROMIUM = "/usr/bin/chromium"
# (file name, address, screen width, the part of the page to show or None for the screen):
# what a newcomer should see first.
SHOTS = [
    ("home", "/", 1440, None),
    ("home-mobile", "/", 360, None),
    ("literature", "/litteratur/?tag=gymnasieskolan", 1440, None),
    ("case-studies", "/fallstudier/", 1440, None),
    ("case-study", "/fallstudier/{case_study}/", 1440, None),
    ("literature-entry", "/litteratur/{literature_entry}/", 1440, None),
    ("about-timeline", "/en/about/", 1440, ".timeline"),
]


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def manage(env, *args, capture=False):
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=capture,
        text=True,
    )
    return result.stdout


def first_slug(env, model):
    code = (
        f"from {model.rsplit('.', 1)[0]} import {model.rsplit('.', 1)[1]} as M; "
        "print(M.objects.live().filter(locale__language_code='sv').order_by('path')[0].slug)"
    )
    return manage(env, "shell", "-v", "0", "-c", code, capture=True).strip()


def wait_for(url, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2):  # noqa: S310 (our own http://)
                return
        except OSError:
            time.sleep(0.3)
    sys.exit(f"The site did not answer at {url}")


def main():
    if not Path(CHROMIUM).exists():
        sys.exit(f"{CHROMIUM} is needed: apt-get install chromium")
    workdir = Path(tempfile.mkdtemp(prefix="pluginnovation-screenshots-"))
    env = dict(
        os.environ,
        DJANGO_SETTINGS_MODULE="pluginnovation.settings.dev",
        DATABASE_URL=f"sqlite:///{workdir / 'db.sqlite3'}",
        CACHE_DIR=str(workdir / "cache"),
        MEDIA_ROOT=str(workdir / "media"),
    )
    server = None
    try:
        manage(env, "migrate", "--no-input", "-v0")
        manage(env, "load_demo")
        slugs = {
            "case_study": first_slug(env, "casestudies.models.CaseStudyPage"),
            "literature_entry": first_slug(env, "literature.models.LiteraturePage"),
        }
        port = free_port()
        server = subprocess.Popen(
            [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        base = f"http://127.0.0.1:{port}"
        wait_for(base + "/")
        OUT.mkdir(parents=True, exist_ok=True)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM)
            for name, path, width, part in SHOTS:
                page = browser.new_page(viewport={"width": width, "height": 900})
                page.goto(base + path.format(**slugs), wait_until="networkidle")
                if part:
                    page.locator(part).first.screenshot(path=OUT / f"{name}.png")
                else:
                    page.screenshot(path=OUT / f"{name}.png", full_page=width < 800)
                page.close()
                print(f"docs/screenshots/{name}.png  {path.format(**slugs)}  {width} px")
            browser.close()
    finally:
        if server:
            server.terminate()
            server.wait(timeout=30)
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
