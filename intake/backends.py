"""The demo's e-mail backend: each message a file under .data/mail/, and a line saying where."""

import sys

from django.core.mail.backends.filebased import EmailBackend


class FileBackend(EmailBackend):
    """Django's file backend writes one file per connection; the worker opens one connection
    per delivery, so each e-mail gets its own file. The path goes to stdout (the worker's
    terminal in `make run`); it names no recipient."""

    def send_messages(self, email_messages):
        sent = super().send_messages(email_messages)
        if sent:
            print(f"E-mail written to {self._fname}", file=sys.stdout, flush=True)
        return sent
