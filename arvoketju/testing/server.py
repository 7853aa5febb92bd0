"""A real arvoketju server for browser tests: a fresh database set up with the CLI, then
``arvoketju serve`` in its own process, as a user would run it."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.request

from .databases import fresh_database_url

CHROMIUM = os.environ.get("ARVOKETJU_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


class ServerUrl(str):
    """The server's base URL, which also knows the database the server uses."""

    database_url = ""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _cli(env, *args):
    subprocess.run(
        [sys.executable, "-m", "arvoketju", *args], env=env, check=True, capture_output=True, text=True, timeout=900
    )


@contextlib.contextmanager
def running_server(tmp_path, *, admin_password: str):
    """Yield the base URL of a server with the battery dataset and a superuser ``admin``."""
    with fresh_database_url(tmp_path) as database_url:
        env = {
            **os.environ,
            "DATABASE_URL": database_url,
            "ARVOKETJU_DATA_DIR": str(tmp_path),
            "DJANGO_SUPERUSER_PASSWORD": admin_password,
        }
        _cli(env, "migrate", "-v0")
        _cli(env, "seed", "battery-fi")
        _cli(env, "createsuperuser", "--noinput", "--username", "admin", "--email", "admin@example.org")
        with serving(env) as base:
            yield base


@contextlib.contextmanager
def serving(env):
    """Yield the base URL of ``arvoketju serve`` started with ``env`` once it answers; stop it afterwards."""
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "arvoketju", "serve", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    base = ServerUrl(f"http://127.0.0.1:{port}")
    base.database_url = env.get("DATABASE_URL", "")
    try:
        for _ in range(100):
            with contextlib.suppress(OSError):
                urllib.request.urlopen(base + "/api/v1/openapi.json", timeout=2)
                break
            time.sleep(0.2)
        else:
            raise RuntimeError("the server did not start: " + server.stderr.read1().decode())
        yield base
    finally:
        server.terminate()
        server.wait(timeout=20)
