"""The server process as daphne starts it (config/asgi.py)."""

import os
import subprocess
import sys
from pathlib import Path

from config.asgi import GC_YOUNG_THRESHOLD

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def test_the_server_freezes_what_it_built_and_collects_young_objects_less_often():
    # A fresh interpreter, as daphne's: the test process's own collector
    # settings must not decide the answer.
    probe = (
        "import gc\n"
        "default = gc.get_threshold()\n"
        "import config.asgi\n"
        "print(default[0], *gc.get_threshold(), gc.get_freeze_count())\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe],
        cwd=BASE_DIR,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.dev"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    default, young, middle, old, frozen = map(int, done.stdout.split())
    assert young == GC_YOUNG_THRESHOLD == 10 * default
    assert (middle, old) == (10, 10)  # Python's own
    assert frozen > 10_000  # settings, apps, URL patterns and templates
