import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

USERNAME = "admin"


class Command(BaseCommand):
    help = (
        "Make sure the demo administrator exists and print how to log in. The password is "
        "generated once and kept in the data folder (never in the repository)."
    )

    def handle(self, *args, **options):
        password_file = settings.DATA_DIR / "demo-admin-password"
        if not password_file.exists():
            password_file.parent.mkdir(parents=True, exist_ok=True)
            password_file.write_text(secrets.token_urlsafe(12))
            password_file.chmod(0o600)
        password = password_file.read_text().strip()
        User = get_user_model()
        user, created = User.objects.get_or_create(
            username=USERNAME, defaults={"is_staff": True, "is_superuser": True}
        )
        if created or not user.check_password(password):
            user.set_password(password)
            user.is_staff = user.is_superuser = user.is_active = True
            user.save()
        self.stdout.write(
            f"Demo admin: log in at /admin/ as “{USERNAME}” with password “{password}” "
            f"(kept in {password_file})."
        )
