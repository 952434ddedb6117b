import shutil
import subprocess
import sys
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def test_code_has_no_undefined_names_or_unused_imports():
    """Pyflakes' checks (ruff F): an undefined name is a crash waiting on an untested path."""
    ruff = shutil.which("ruff", path=str(Path(sys.executable).parent))
    result = subprocess.run(
        [ruff, "check", "--select", "F,E9", "--output-format", "concise",
         "core", "intake", "portal", "toolbox", "volunteering", "places", "policy", "indicators", "bench", "tests"],
        cwd=BASE_DIR, capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stdout
