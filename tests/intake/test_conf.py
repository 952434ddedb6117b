from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from intake.conf import email_settings


def test_without_email_url_each_email_is_a_file_under_the_data_folder():
    assert email_settings("", mail_dir=Path("/data/mail")) == {
        "EMAIL_BACKEND": "intake.backends.FileBackend", "EMAIL_FILE_PATH": "/data/mail",
    }


def test_smtp_with_starttls_and_login():
    config = email_settings("smtp://portal%40kommune.dk:p%40ss%3Aw@mail.example.dk:587/?tls=1",
                            mail_dir=Path("/x"))
    assert config == {
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "mail.example.dk", "EMAIL_PORT": 587,
        "EMAIL_HOST_USER": "portal@kommune.dk", "EMAIL_HOST_PASSWORD": "p@ss:w",
        "EMAIL_USE_TLS": True, "EMAIL_USE_SSL": False, "EMAIL_TIMEOUT": 20,
    }


def test_smtps_defaults_to_ssl_on_465_and_a_relay_to_25():
    assert email_settings("smtps://mail.example.dk", mail_dir=Path("/x"))["EMAIL_PORT"] == 465
    relay = email_settings("smtp://relay.internal/?timeout=5", mail_dir=Path("/x"))
    assert (relay["EMAIL_PORT"], relay["EMAIL_USE_SSL"], relay["EMAIL_TIMEOUT"]) == (25, False, 5)


@pytest.mark.parametrize("url, message", [
    ("http://mail.example.dk", "must start with smtp://"),
    ("smtp://", "names no mail server"),
    ("smtp://mail.example.dk:abc/", "port must be a number"),
    ("smtp://mail.example.dk/?tsl=1", "unknown option"),
    ("smtp://mail.example.dk/?tls=maybe", "tls must be 1 or 0"),
    ("smtps://mail.example.dk/?tls=1", "not both"),
    ("smtp://mail.example.dk/?timeout=soon", "timeout must be whole seconds"),
])
def test_a_bad_email_url_stops_start_up_with_a_message_naming_it(url, message):
    with pytest.raises(ImproperlyConfigured, match=message) as error:
        email_settings(url, mail_dir=Path("/x"))
    assert "EMAIL_URL" in str(error.value)
