"""When a translation catalogue needs compiling. The standard library only: `portal.launch`
asks before Django starts, and `compile_translations` asks the same question."""

from pathlib import Path


def needs_compiling(po: Path) -> bool:
    """The .po file has no .mo beside it, or one older than itself."""
    mo = po.with_suffix(".mo")
    return not mo.exists() or mo.stat().st_mtime < po.stat().st_mtime
