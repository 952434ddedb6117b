"""The demo's e-mail backend: each message a file under .data/mail/, and a line saying where."""

import datetime
import os
import sys
import uuid

from django.core.mail.backends.filebased import EmailBackend


class FileBackend(EmailBackend):
    """Django's file backend writes one file per connection; the worker opens one connection
    per delivery, so each e-mail gets its own file. The path goes to stdout (the worker's
    terminal in `make run`); it names no recipient."""

    def _get_filename(self):
        # Django names the file by the second and id(self); two deliveries in one second can
        # get the same id (the first backend is gone), and the second e-mail was appended.
        if self._fname is None:
            stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
            self._fname = os.path.join(self.file_path, f"{stamp}-{uuid.uuid4().hex[:12]}.log")
        return self._fname

    def send_messages(self, email_messages):
        sent = super().send_messages(email_messages)
        if sent:
            print(f"E-mail written to {self._fname}", file=sys.stdout, flush=True)
        return sent
