"""`make test` installs the system packages the tests need, or names the command to run."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

from portal import system_packages

SCRIPT = Path(system_packages.__file__)


def run(env: dict, *, as_root: bool) -> subprocess.CompletedProcess:
    # Run as the Makefile does: the script alone, with the system Python. As "not root", a
    # wrapper hides the real user id.
    code = (
        "import os, runpy, sys; "
        + ("" if as_root else "os.geteuid = lambda: 1000; ")
        + f"sys.argv = ['system_packages.py', 'test']; runpy.run_path({str(SCRIPT)!r}, "
        "run_name='__main__')"
    )
    return subprocess.run([sys.executable, "-c", code], env={**os.environ, **env},
                          capture_output=True, text=True, timeout=60)


def fake_apt(tmp_path: Path, *, with_sudo: bool = False) -> dict:
    """A PATH with an apt-get that records its arguments instead of installing."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "apt-get").write_text(f'#!/bin/sh\necho "$@" >> {tmp_path}/apt.log\n')
    (bin_dir / "apt-get").chmod(0o755)
    if with_sudo:
        (bin_dir / "sudo").write_text(f'#!/bin/sh\necho sudo >> {tmp_path}/apt.log\nexec "$@"\n')
        (bin_dir / "sudo").chmod(0o755)
    # Only these on the PATH: the real redis-server and xgettext, no real sudo.
    for tool in ("redis-server", "xgettext"):
        (bin_dir / tool).symlink_to(shutil.which(tool))
    return {"PATH": str(bin_dir)}


def test_a_machine_set_up_by_make_test_lacks_no_package_so_no_test_is_skipped():
    assert [package for package, present in system_packages.TEST if not present()] == []


def test_as_root_the_missing_packages_are_installed_after_one_update(tmp_path):
    result = run({**fake_apt(tmp_path), "CHROMIUM_PATH": str(tmp_path / "no-chromium")},
                 as_root=True)
    assert result.returncode == 0, result.stderr
    assert ("Installing the system packages make test needs: chromium-headless-shell"
            in result.stdout)
    assert (tmp_path / "apt.log").read_text().splitlines() == [
        "update -qq", "install --no-install-recommends chromium-headless-shell -y -qq"]


def test_with_sudo_the_install_runs_through_sudo(tmp_path):
    result = run({**fake_apt(tmp_path, with_sudo=True),
                  "CHROMIUM_PATH": str(tmp_path / "no-chromium")}, as_root=False)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "apt.log").read_text().splitlines() == [
        "sudo", "update -qq",
        "sudo", "install --no-install-recommends chromium-headless-shell -y -qq"]


def test_without_root_or_sudo_it_stops_at_once_with_the_command_to_run(tmp_path):
    result = run({**fake_apt(tmp_path), "CHROMIUM_PATH": str(tmp_path / "no-chromium")},
                 as_root=False)
    assert result.returncode == 1
    assert result.stderr == (
        "make test needs system packages: as root, run "
        "`apt-get install --no-install-recommends chromium-headless-shell`, "
        "then make test again.\n")
    assert not (tmp_path / "apt.log").exists()


def test_nothing_missing_means_nothing_run_and_nothing_printed(tmp_path):
    result = run(fake_apt(tmp_path), as_root=True)
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")
    assert not (tmp_path / "apt.log").exists()
