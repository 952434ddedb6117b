"""A real local SMTP server (aiosmtpd) and a real procrastinate worker for the intake tests."""

import email
import email.policy
import os
import subprocess
import sys
from urllib.parse import quote

import pytest
from aiosmtpd.controller import Controller
from django.db import connection

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


def run_worker(*, email_url: str = "", queues: str = "mail", extra_env: dict | None = None,
               timeout: int = 120) -> subprocess.CompletedProcess:
    """`manage.py procrastinate worker --one-shot`: a real worker process on the test database
    that runs every job that is due and exits. The test must commit its data (transactional)."""
    env = {**os.environ, "DATABASE_URL": subprocess_database_url(),
           "DJANGO_SETTINGS_MODULE": "tests.settings", "EMAIL_URL": email_url,
           "INTAKE_MAIL_RETRY_SECONDS": "1", "INTAKE_MAIL_MAX_ATTEMPTS": "3",
           **(extra_env or {})}
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    return subprocess.run(
        [sys.executable, "manage.py", "procrastinate", "worker", "--one-shot",
         "--queues", queues],
        cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=timeout, check=True,
    )
