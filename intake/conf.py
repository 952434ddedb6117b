"""E-mail settings from the environment, read by portal/settings.py.

EMAIL_URL names the SMTP server in one variable:

    smtp://user:password@mail.example.dk:587/?tls=1     STARTTLS (port 587)
    smtps://user:password@mail.example.dk:465/          TLS from the start (port 465)
    smtp://relay.internal:25/                           a relay without login
    ?timeout=20                                         seconds before a slow server counts as down

User name and password are URL-encoded (@ as %40). Without EMAIL_URL each e-mail is written as a
file under DATA_DIR/mail/ (the worker prints where), so a demo sends nothing. Kept here rather
than taken from dj-email-url (unchanged since 2022) because ours refuses a typo with a message
naming the variable, like the portal's other settings, and knows only what we support.

Imports no Django model: settings load it.
"""

from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def _flag(query: dict, name: str, default: bool) -> bool:
    if name not in query:
        return default
    value = query[name][-1].strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"EMAIL_URL: {name} must be 1 or 0, not {value!r}.")


def email_settings(url: str, *, mail_dir: Path) -> dict:
    """The EMAIL_* settings for `url` (empty: files in `mail_dir`)."""
    if not url:
        return {"EMAIL_BACKEND": "intake.backends.FileBackend", "EMAIL_FILE_PATH": str(mail_dir)}
    parts = urlsplit(url)
    if parts.scheme not in {"smtp", "smtps"}:
        raise ImproperlyConfigured(
            "EMAIL_URL must start with smtp:// or smtps://, e.g. "
            "smtp://user:password@mail.example.dk:587/?tls=1."
        )
    if not parts.hostname:
        raise ImproperlyConfigured("EMAIL_URL names no mail server (smtp://host:port/).")
    try:
        port = parts.port
    except ValueError:
        raise ImproperlyConfigured("EMAIL_URL: the port must be a number.") from None
    query = parse_qs(parts.query, keep_blank_values=True)
    unknown = set(query) - {"tls", "ssl", "timeout"}
    if unknown:
        raise ImproperlyConfigured(
            f"EMAIL_URL: unknown option(s) {', '.join(sorted(unknown))} (tls, ssl, timeout)."
        )
    use_ssl = _flag(query, "ssl", parts.scheme == "smtps")
    use_tls = _flag(query, "tls", False)
    if use_ssl and use_tls:
        raise ImproperlyConfigured(
            "EMAIL_URL: choose tls=1 (STARTTLS) or smtps:// (SSL), not both."
        )
    try:
        timeout = int(query.get("timeout", ["20"])[-1])
    except ValueError:
        raise ImproperlyConfigured("EMAIL_URL: timeout must be whole seconds.") from None
    return {
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": parts.hostname,
        "EMAIL_PORT": port or (465 if use_ssl else 587 if use_tls else 25),
        "EMAIL_HOST_USER": unquote(parts.username or ""),
        "EMAIL_HOST_PASSWORD": unquote(parts.password or ""),
        "EMAIL_USE_TLS": use_tls,
        "EMAIL_USE_SSL": use_ssl,
        "EMAIL_TIMEOUT": timeout,
    }
