"""Structured logs: one JSON object per line on stdout, each with the request id.

Log collectors (journald, Docker, Loki, Azure Monitor …) read this without parsing rules, and
staff can find every line of a failed request by the id shown on the error page.
"""

import json
import logging
import os

_STANDARD = set(logging.makeLogRecord({}).__dict__) | {"message", "asctime", "request_id"}


class JsonFormatter(logging.Formatter):
    def format(self, record):
        entry = {
            "time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S%z"),
            "level": record.levelname,
            "logger": record.name,
            "request_id": getattr(record, "request_id", "-"),
            "message": record.getMessage(),
        }
        status = getattr(record, "status_code", None)
        if status:
            entry["status"] = status
        request = getattr(record, "request", None)
        if request is not None and hasattr(request, "path"):
            entry["path"] = request.path
            entry["method"] = request.method
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False, default=str)


def init_error_reporting() -> None:
    """Send errors to Sentry (or a compatible service such as GlitchTip) when SENTRY_DSN is set.

    sentry-sdk is an optional dependency: `pip install "frivillighedsportalen[sentry]"`.
    """
    dsn = os.environ.get("SENTRY_DSN")
    if not dsn:
        return
    import sentry_sdk

    # No personal data: neither IP addresses nor user details leave the municipality, nor what
    # the public wrote in a form (request bodies) or held in a variable when the error came.
    sentry_sdk.init(dsn=dsn, send_default_pii=False, traces_sample_rate=0.0,
                    max_request_body_size="never", include_local_variables=False)
