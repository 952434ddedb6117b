"""A real local SMTP server (aiosmtpd) and a real procrastinate worker for the intake tests."""

import email
import email.policy
import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote

import pytest
from aiosmtpd.controller import Controller
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.test import override_settings

from intake.conf import email_settings
from tests.servers import BASE_DIR, free_port


class Inbox:
    """aiosmtpd handler: keeps every message it accepts, parsed."""

    def __init__(self):
        self.messages = []
        self.envelopes = []

    async def handle_DATA(self, server, session, envelope):
        self.envelopes.append(envelope)
        self.messages.append(
            email.message_from_bytes(envelope.content, policy=email.policy.default))
        return "250 Message accepted for delivery"


class SMTPServer:
    """Started and stopped at will on one port, so a test can take the mail server away."""

    def __init__(self):
        self.port = free_port()
        self.inbox = Inbox()
        self._controller = None

    @property
    def url(self) -> str:
        return f"smtp://127.0.0.1:{self.port}/?timeout=5"

    def start(self):
        self._controller = Controller(self.inbox, hostname="127.0.0.1", port=self.port)
        self._controller.start()

    def stop(self):
        if self._controller is not None:
            self._controller.stop()
            self._controller = None


@pytest.fixture
def smtp_server():
    server = SMTPServer()
    server.start()
    yield server
    server.stop()


def subprocess_database_url() -> str:
    """The test database (pytest-django's), as a URL another process can use."""
    settings = connection.settings_dict
    host = quote(settings["HOST"] or "", safe="")
    user = quote(settings["USER"] or "", safe="")
    password = f":{quote(settings['PASSWORD'], safe='')}" if settings["PASSWORD"] else ""
    port = f":{settings['PORT']}" if settings["PORT"] else ""
    return f"postgresql://{user}{password}@{host}{port}/{settings['NAME']}"


# What the worker runs with in these tests: the first retry after 1 s, and three attempts.
WORKER_SETTINGS = {"INTAKE_MAIL_RETRY_SECONDS": 1, "INTAKE_MAIL_MAX_ATTEMPTS": 3}


def run_worker(*, email_url: str = "", queues: str = "mail", extra_settings: dict | None = None,
               ) -> None:
    """`manage.py procrastinate worker --one-shot`, run in this process: procrastinate's own
    worker, on its own connections to the test database, runs every job that is due and
    returns. The test must commit its data (transactional). A process per run cost about 3 s of
    CPU (Django and every app started again); `run_worker_process` below is that process, for
    the one test that shows the command as deployed reads its settings from the environment."""
    overrides = {**email_settings(email_url, mail_dir=Path(settings.DATA_DIR) / "mail"),
                 **WORKER_SETTINGS, **(extra_settings or {})}
    with override_settings(**overrides):
        call_command("procrastinate", "worker", "--one-shot", "--queues", queues)


def run_worker_process(*, email_url: str = "", queues: str = "mail",
                       timeout: int = 120) -> subprocess.CompletedProcess:
    """`manage.py procrastinate worker --one-shot` as a process of its own on the test
    database, with EMAIL_URL and the retry settings in its environment."""
    env = {**os.environ, "DATABASE_URL": subprocess_database_url(),
           "DJANGO_SETTINGS_MODULE": "tests.settings", "EMAIL_URL": email_url,
           **{name: str(value) for name, value in WORKER_SETTINGS.items()}}
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    return subprocess.run(
        [sys.executable, "manage.py", "procrastinate", "worker", "--one-shot",
         "--queues", queues],
        cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=timeout, check=True,
    )
