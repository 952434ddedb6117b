"""Open data: each public indicator as a JSON document (the catalogue of them all is
indicators/catalogue.py). Built from records the views fetched; nothing here queries the
database. docs/open-data.md describes the formats for the people who use them.
"""

import datetime
from decimal import Decimal

from django.utils import translation

from indicators import files, periods

# The formats each indicator is offered in: (key, URL name, IANA media type, EU file type).
FORMATS = [
    ("csv", "indicators:indicator-csv", "text/csv", "CSV"),
    ("xlsx", "indicators:indicator-xlsx",
     "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "XLSX"),
    ("json", "indicators:indicator-json", "application/json", "JSON"),
]


def json_number(value: Decimal) -> int | float:
    """A stored value as a JSON number: 870, 3.5 (never a string, never 870.0000)."""
    value = Decimal(value).normalize()
    return int(value) if value == value.to_integral_value() else float(value)


def period_end(period: datetime.date, frequency: str) -> datetime.date:
    """The last day of the period that starts on `period`."""
    months = {"year": 12, "quarter": 3, "month": 1}[frequency]
    month = period.month - 1 + months
    following = datetime.date(period.year + month // 12, month % 12 + 1, 1)
    return following - datetime.timedelta(days=1)


def last_updated(indicator, observations) -> datetime.datetime:
    return max([indicator.updated_at] + [o.updated_at for o in observations])


def indicator_document(indicator, *, observations, targets, benchmarks, urls: dict,
                       licence: str, licence_url: str, language: str) -> dict:
    """An indicator's figures and metadata as JSON-able data, in the reader's language.

    `urls` holds absolute addresses: "page" and one per format ("csv", "xlsx", "json").
    """
    frequency = indicator.frequency
    document = {
        "indicator": {
            "slug": indicator.slug,
            "name": indicator.name,
            "description": files.plain_text(indicator.description),
            "definition": files.plain_text(indicator.definition),
            "unit": indicator.unit,
            "unit_label": indicator.get_unit_display(),
            "decimals": indicator.decimals,
            "direction": indicator.direction,
            "frequency": frequency,
            "source": indicator.source,
            "owner": indicator.owner.name if indicator.owner else None,
            "themes": [theme.title for theme in indicator.themes.all()],
            "is_example_data": indicator.is_example_data,
        },
        "licence": {"name": licence, "url": licence_url},
        "last_updated": last_updated(indicator, observations).isoformat(timespec="seconds"),
        "language": language,
        "links": urls,
        "observations": [
            {
                "period": periods.code(o.period, frequency),
                "period_label": periods.label(o.period, frequency),
                "period_start": o.period.isoformat(),
                "period_end": period_end(o.period, frequency).isoformat(),
                "breakdown": {"dimension": o.breakdown.dimension, "slug": o.breakdown.slug,
                              "name": o.breakdown.name} if o.breakdown else None,
                "value": json_number(o.value),
                "status": o.status,
                "status_label": o.get_status_display(),
                "note": o.note or "",
            }
            for o in observations
        ],
        "targets": [{"period": periods.code(t.period, frequency),
                     "period_start": t.period.isoformat(), "value": json_number(t.value)}
                    for t in targets],
        "benchmarks": [{"name": b.name, "source": b.source,
                        "points": [{"year": p.year, "value": json_number(p.value)}
                                   for p in b.points.all()]}
                       for b in benchmarks],
    }
    if indicator.is_example_data:
        document["indicator"]["example_data_note"] = str(translation.gettext(
            "The figures are invented for the demonstration and are not real."))
    return document
