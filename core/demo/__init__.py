"""Demo municipality settings (Ballerup Kommune), created once and then left to staff."""

import tomllib
from pathlib import Path

from core.models import Municipality, SearchSynonym
from core.search_text import seed_synonyms

HERE = Path(__file__).parent


def read_toml(path: Path) -> dict:
    with path.open("rb") as fh:
        return tomllib.load(fh)


def translated(data: dict, *fields: str) -> dict:
    """{"da": {"name": …}, "en": {"name": …}} -> {"name_da": …, "name_en": …}."""
    values = {}
    for language in ("da", "en"):
        for field in fields:
            if field in data.get(language, {}):
                values[f"{field}_{language}"] = data[language][field]
    return values


def load(*, stdout) -> None:
    if added := seed_synonyms(SearchSynonym):
        stdout.write(f"Search synonyms: {added} added.")
    if Municipality.objects.exists():
        stdout.write("Municipality settings exist; left as they are.")
        return
    data = read_toml(HERE / "municipality.toml")
    plain = {k: v for k, v in data.items() if k not in ("da", "en")}
    municipality = Municipality(**plain, **translated(data, "opening_hours", "privacy_notice"))
    municipality.full_clean()
    municipality.save()
    stdout.write(f"Municipality settings created for {municipality.name}.")
