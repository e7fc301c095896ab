"""Screenshots of Velkomst for the README, desktop (1280 px) and phone (390 px).

    make screens          (or: .venv/bin/python scripts/screens.py [--port 8080])

It makes a fresh database and media folder in a temporary folder, loads the demo
content (``seed_demo``), serves the site with daphne as ``make run`` does
(``DEBUG`` off), signs in as the demo members and the coordinator through the
login page, and saves one viewport-high PNG per page and width to
``docs/screens/`` (256 colours, so the set stays small). Needs Debian's chromium,
which ``make test`` installs; nothing of the developer's own ``var/`` is touched.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "screens"
WIDTHS = {"desktop": (1280, 800), "phone": (390, 844)}
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]


@dataclass(frozen=True)
class Screen:
    """One screenshot: its file name, who is signed in (a demo login, or None),
    and its address (a path, or a function of the demo's objects)."""

    name: str
    who: str | None
    url: str | Callable[[dict], str]


# A new screen is one line here (and a line in the README if it should show).
SCREENS = [
    Screen("home", None, "/"),
    Screen("home-danish", None, "/da/"),
    Screen("activity-ideas", None, "/things-to-do-together/"),
    Screen("member-home-matched", "host", "/me/"),
    Screen("directory", "newcomer", "/members/"),
    Screen("profile", "newcomer", lambda demo: f"/members/{demo['profile']}/"),
    Screen("conversation", "host", lambda demo: f"/messages/{demo['conversation']}/"),
    Screen("pair-page", "host", lambda demo: f"/matches/{demo['match']}/"),
    Screen("coordinator-dashboard", "coordinator", "/admin/community/dashboard/"),
]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_port(port: int, server: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            sys.exit("daphne stopped before it served a page")
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.2)
    sys.exit(f"daphne did not answer on port {port}")


def seed(env: dict[str, str]) -> dict:
    """Migrate and seed the demo database; return the logins and the ids the
    screens need."""
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    # The served site finds static files without collectstatic (dev settings).
    warnings.filterwarnings("ignore", message="No directory at")
    from django.core.management import call_command
    from django.test import Client

    from community.demo.members import DEMO_PASSWORD, email_for
    from community.demo.operations import COORDINATOR_PASSWORD, SITE_COORDINATOR
    from community.models import Match, Profile

    call_command("migrate", verbosity=0)
    call_command("seed_demo", stdout=io.StringIO())
    host = Profile.objects.get(user__email=email_for("anne.holm"))
    newcomer = Profile.objects.get(user__email=email_for("lucia.fernandez"))
    match = Match.objects.get(host=host, status=Match.Status.ACTIVE)
    # The profile the newcomer opens first: the top card of her directory.
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(newcomer.user)
    directory = client.get("/members/").content.decode()
    first = re.search(r'href="/members/(\d+)/"', directory)
    return {
        "logins": {
            "host": (email_for("anne.holm"), DEMO_PASSWORD),
            "newcomer": (email_for("lucia.fernandez"), DEMO_PASSWORD),
            "coordinator": (SITE_COORDINATOR, COORDINATOR_PASSWORD),
        },
        "profile": int(first.group(1)) if first else host.pk,
        "conversation": match.conversation.pk,
        "match": match.pk,
    }


def log_in(page, email: str, password: str) -> None:
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_load_state()


def settle(page) -> None:
    """Let late requests and the chat's socket finish, and stop the caret
    blinking in a screenshot."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    # A page with an open socket (the chat, the header's badges) may never idle.
    with contextlib.suppress(PlaywrightTimeout):
        page.wait_for_load_state("networkidle", timeout=5_000)
    page.evaluate("document.activeElement && document.activeElement.blur()")
    page.wait_for_timeout(300)


def make_small(path: Path) -> None:
    """256 colours: screenshots of a site stay sharp and a third of the size."""
    from PIL import Image

    with Image.open(path) as image:
        small = image.convert("RGB").quantize(
            colors=256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE
        )
    small.save(path, optimize=True)


def shoot(base_url: str, demo: dict, chromium: str) -> list[Path]:
    from playwright.sync_api import sync_playwright

    OUT.mkdir(parents=True, exist_ok=True)
    saved = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium, headless=True, args=CHROMIUM_ARGS
        )
        for width_name, (width, height) in WIDTHS.items():
            contexts: dict[str | None, object] = {}
            for screen in SCREENS:
                if screen.who not in contexts:
                    context = browser.new_context(
                        base_url=base_url,
                        viewport={"width": width, "height": height},
                        device_scale_factor=1,
                        locale="en-GB",
                    )
                    page = context.new_page()
                    page.set_default_timeout(20_000)
                    if screen.who is not None:
                        log_in(page, *demo["logins"][screen.who])
                    contexts[screen.who] = page
                page = contexts[screen.who]
                url = screen.url(demo) if callable(screen.url) else screen.url
                response = page.goto(url)
                if response is None or response.status != 200:
                    sys.exit(
                        f"{screen.name}: {url} answered {response and response.status}"
                    )
                settle(page)
                path = OUT / f"{screen.name}-{width_name}.png"
                page.screenshot(path=str(path))
                make_small(path)
                saved.append(path)
                print(f"{path.relative_to(ROOT)}  {path.stat().st_size // 1024} KB")
            for page in contexts.values():
                page.context.close()
        browser.close()
    return saved


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--port", type=int, default=0, help="default: a free port")
    args = parser.parse_args()
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        sys.exit("chromium is missing: 'make test' installs it as root")
    port = args.port or free_port()
    base_url = f"http://127.0.0.1:{port}"
    with tempfile.TemporaryDirectory(prefix="velkomst-screens-") as folder:
        env = {
            "DJANGO_SETTINGS_MODULE": "config.settings.dev",
            "DATABASE_URL": f"sqlite:///{folder}/screens.sqlite3",
            "MEDIA_ROOT": f"{folder}/media",
            "WAGTAILADMIN_BASE_URL": base_url,
            "DEBUG": "false",
        }
        print("Loading the demo content into a fresh database ...")
        demo = seed(env)
        server = subprocess.Popen(
            [sys.executable, "-m", "daphne", "-b", "127.0.0.1", "-p", str(port)]
            + ["config.asgi:application"],
            cwd=ROOT,
            env={**os.environ, **env},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            wait_for_port(port, server)
            saved = shoot(base_url, demo, chromium)
        finally:
            server.terminate()
            server.wait(timeout=10)
    total = sum(path.stat().st_size for path in saved)
    print(
        f"screens: {len(saved)} images, {total / 1024 / 1024:.2f} MB in docs/screens/"
    )


if __name__ == "__main__":
    main()
