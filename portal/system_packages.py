"""Install the Debian packages a command needs and the machine lacks; `make` calls this first.

    python3 portal/system_packages.py test   # everything the test suite needs
    python3 portal/system_packages.py run    # what creating .venv needs

It runs with the system Python before .venv exists, so it uses the standard library only. As
root, or with sudo, it runs `apt-get update` once and installs what is missing; otherwise it stops
with one line naming the command to run. Each check below is what a test (or venv) looks for.
"""

import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path

# The tests' browser: Debian's "old headless shell", the same Blink and V8 as the `chromium`
# package without the desktop browser's processes around it (what Playwright itself runs for
# headless tests). tests/conftest.py reads the same variable.
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium-headless-shell")

VENV = [
    # Debian keeps ensurepip, which `python3 -m venv` needs, in a package of its own.
    ("python3-venv", lambda: importlib.util.find_spec("ensurepip")),
]
TEST = VENV + [
    ("chromium-headless-shell", lambda: Path(CHROMIUM).exists()),  # tests/browser
    # Chromium needs a font to lay out text (the accessibility checks measure it).
    ("fonts-dejavu-core", lambda: Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf").exists()),
    ("redis-server", lambda: shutil.which("redis-server")),  # tests/portal/test_two_servers.py
    ("gettext", lambda: shutil.which("xgettext")),  # every interface string is translated
]
NEEDS = {"run": VENV, "test": TEST}


def main(purpose: str) -> int:
    missing = [package for package, present in NEEDS[purpose] if not present()]
    if not missing:
        return 0
    install = ["apt-get", "install", "--no-install-recommends", *missing]
    if not shutil.which("apt-get"):
        print(f"make {purpose} needs these system packages: {' '.join(missing)}.", file=sys.stderr)
        return 1
    sudo = [] if os.geteuid() == 0 else ["sudo"] if shutil.which("sudo") else None
    if sudo is None:
        print(f"make {purpose} needs system packages: as root, run `{' '.join(install)}`, "
              f"then make {purpose} again.", file=sys.stderr)
        return 1
    print(f"Installing the system packages make {purpose} needs: {' '.join(missing)}", flush=True)
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    try:
        subprocess.run([*sudo, "apt-get", "update", "-qq"], env=env, check=True)
        subprocess.run([*sudo, *install, "-y", "-qq"], env=env, check=True,
                       stdout=subprocess.DEVNULL)
    except subprocess.CalledProcessError:
        print(f"Installing failed: as root, run `{' '.join(install)}`, then make {purpose} "
              "again.", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "test"))
