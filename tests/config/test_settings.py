"""The two ways to run Velkomst: one machine with zero set-up, many machines by
environment variables. CI runs this file twice, once per way."""

import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.conf import settings
from django.core.cache import cache
from django.db import connection

BASE_DIR = Path(__file__).resolve().parent.parent.parent
SERVICES_REQUIRED = os.environ.get("VELKOMST_REQUIRE_SERVICES") == "1"


def run_manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    clean = {
        key: value
        for key, value in os.environ.items()
        if key
        not in {
            "SECRET_KEY",
            "ALLOWED_HOSTS",
            "DJANGO_SETTINGS_MODULE",
            "DJANGO_ALLOW_ASYNC_UNSAFE",  # set for the browser tests only
        }
    }
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_settings_refuse_to_start_without_a_secret_key():
    result = run_manage(
        "check",
        env={
            "DJANGO_SETTINGS_MODULE": "config.settings.production",
            "ALLOWED_HOSTS": "velkomst.example.org",
        },
    )
    assert result.returncode != 0
    assert "Set the SECRET_KEY environment variable" in result.stderr


def test_production_settings_refuse_to_start_without_allowed_hosts():
    result = run_manage(
        "check",
        env={
            "DJANGO_SETTINGS_MODULE": "config.settings.production",
            "SECRET_KEY": "x" * 60,
        },
    )
    assert result.returncode != 0
    assert "Set ALLOWED_HOSTS" in result.stderr


def test_production_settings_pass_the_deploy_check_with_no_warning():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        env={
            "DJANGO_SETTINGS_MODULE": "config.settings.production",
            "SECRET_KEY": "a-long-random-production-secret-" + "k7Qp2xZ9" * 6,
            "ALLOWED_HOSTS": "velkomst.example.org",
        },
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.django_db
def test_public_pages_get_a_content_security_policy_without_inline_script(client):
    response = client.get("/search/")
    policy = response.headers["Content-Security-Policy"]
    script_src = next(
        part for part in policy.split(";") if part.strip().startswith("script-src")
    )
    assert "'unsafe-inline'" not in script_src
    assert response.headers["X-Content-Type-Options"] == "nosniff"


@pytest.mark.django_db
def test_stores_in_use_match_the_environment():
    """Zero set-up uses SQLite, local memory and the in-memory layer; with
    DATABASE_URL and REDIS_URL (CI's second pass) PostgreSQL and Redis are used,
    and never silently replaced by the embedded defaults."""
    layer = get_channel_layer()
    if SERVICES_REQUIRED or os.environ.get("REDIS_URL"):
        assert connection.vendor == "postgresql"
        assert settings.CACHES["default"]["BACKEND"].endswith("RedisCache")
        assert type(layer).__name__ == "RedisPubSubChannelLayer"
    elif not os.environ.get("DATABASE_URL"):
        assert connection.vendor == "sqlite"
        assert settings.CACHES["default"]["BACKEND"].endswith("LocMemCache")
        assert type(layer).__name__ == "InMemoryChannelLayer"


def test_cache_and_channel_layer_carry_data():
    cache.set("velkomst-settings-check", {"ok": 1}, 30)
    assert cache.get("velkomst-settings-check") == {"ok": 1}

    layer = get_channel_layer()

    async def round_trip():
        channel = await layer.new_channel()
        await layer.group_add("settings-check", channel)
        await layer.group_send("settings-check", {"type": "probe", "n": 7})
        message = await layer.receive(channel)
        await layer.group_discard("settings-check", channel)
        return message

    # A thread of its own: the browser tests may have left an event loop here.
    with ThreadPoolExecutor(max_workers=1) as pool:
        message = pool.submit(async_to_sync(round_trip)).result(timeout=10)
    assert message == {"type": "probe", "n": 7}


def test_outbox_backend_keeps_each_message_as_a_readable_file(tmp_path, settings):
    from django.core.mail import get_connection, send_mail

    settings.EMAIL_OUTBOX_DIR = tmp_path
    backend = get_connection("config.mail.ConsoleAndOutboxBackend")
    send_mail(
        "Welcome to Velkomst",
        "Your host is waiting.",
        "hello@velkomst.localhost",
        ["newcomer@example.org"],
        connection=backend,
    )
    files = list(tmp_path.glob("*.eml"))
    assert len(files) == 1
    text = files[0].read_text()
    assert "Subject: Welcome to Velkomst" in text
    assert "Your host is waiting." in text
