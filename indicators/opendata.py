"""Open data: each public indicator as a JSON document, and the catalogue of them all in
DCAT-AP-DK (the Danish profile of DCAT-AP that Open Data DK harvests) as Turtle or JSON-LD.

Built from records the views fetched; nothing here queries the database. The catalogue is an
rdflib graph, so the Turtle and the JSON-LD are always well-formed and every literal escaped;
docs/open-data.md describes both for the people who harvest them.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.utils import translation
from rdflib import RDF, XSD, BNode, Graph, Literal, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, Namespace

from indicators import files, periods

# rdflib names no vCard namespace of its own (its VCARD is the old 2001 one).
VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")

EU = "http://publications.europa.eu/resource/authority/"
FREQUENCY = {"year": "ANNUAL", "quarter": "QUARTERLY", "month": "MONTHLY"}
LANGUAGES = {"da": "DAN", "en": "ENG"}
# The formats each indicator is offered in: (key, URL name, IANA media type, EU file type).
FORMATS = [
    ("csv", "indicators:indicator-csv", "text/csv", "CSV"),
    ("xlsx", "indicators:indicator-xlsx",
     "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "XLSX"),
    ("json", "indicators:indicator-json", "application/json", "JSON"),
]
IANA = "https://www.iana.org/assignments/media-types/"


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


@dataclass
class DatasetEntry:
    """What the catalogue says about one indicator besides its own fields: the span of its
    figures, when it last changed, and its absolute addresses."""

    indicator: object
    first_period: datetime.date | None
    last_period: datetime.date | None
    updated: datetime.datetime
    page_url: str
    download_urls: dict       # format key -> absolute address


def _both_languages(graph, subject, predicate, values: dict):
    for language, text in values.items():
        if text:
            graph.add((subject, predicate, Literal(text, lang=language)))


def _translated(obj, field: str) -> dict:
    """A modeltranslation field in Danish and English ({"da": ..., "en": ...})."""
    return {language: getattr(obj, f"{field}_{language}", "") or "" for language in LANGUAGES}


def _typed(graph, uri: str, kind) -> URIRef:
    node = URIRef(uri)
    graph.add((node, RDF.type, kind))
    return node


def catalogue_graph(entries: list[DatasetEntry], *, catalogue_url: str, site_url: str,
                    municipality, licence_url: str, titles: dict, descriptions: dict) -> Graph:
    """The DCAT-AP-DK catalogue of the given indicators. `titles` and `descriptions` are the
    catalogue's own, per language."""
    graph = Graph()
    graph.bind("dcat", DCAT)
    graph.bind("dct", DCTERMS)
    graph.bind("foaf", FOAF)
    graph.bind("vcard", VCARD)

    catalogue = _typed(graph, catalogue_url, DCAT.Catalog)
    publisher = _typed(graph, f"{catalogue_url}#publisher", FOAF.Agent)
    graph.add((publisher, RDF.type, FOAF.Organization))
    graph.add((publisher, FOAF.name, Literal(municipality.name, lang="da")))
    if municipality.website_url:
        graph.add((publisher, FOAF.homepage, _typed(graph, municipality.website_url,
                                                     FOAF.Document)))
    contact = _contact_point(graph, f"{catalogue_url}#contact", municipality)
    licence = _typed(graph, licence_url, DCTERMS.LicenseDocument)
    # DCAT-AP-DK asks for the language list at its dataset address (not authority/).
    languages = [_typed(graph, f"http://publications.europa.eu/resource/dataset/language/{code}",
                        DCTERMS.LinguisticSystem)
                 for code in LANGUAGES.values()]

    _both_languages(graph, catalogue, DCTERMS.title, titles)
    _both_languages(graph, catalogue, DCTERMS.description, descriptions)
    graph.add((catalogue, DCTERMS.publisher, publisher))
    graph.add((catalogue, FOAF.homepage, _typed(graph, site_url + "/", FOAF.Document)))
    graph.add((catalogue, DCTERMS.license, licence))
    for language in languages:
        graph.add((catalogue, DCTERMS.language, language))

    modified = []
    for entry in entries:
        dataset = _dataset(graph, entry, publisher=publisher, contact=contact, licence=licence,
                           languages=languages)
        graph.add((catalogue, DCAT.dataset, dataset))
        modified.append(entry.updated)
    if modified:
        graph.add((catalogue, DCTERMS.modified, Literal(max(modified).date(), datatype=XSD.date)))
    return graph


def _contact_point(graph, uri: str, municipality) -> URIRef:
    contact = _typed(graph, uri, VCARD.Kind)
    graph.add((contact, RDF.type, VCARD.Organization))
    graph.add((contact, VCARD.fn, Literal(municipality.name)))
    if municipality.contact_email:
        graph.add((contact, VCARD.hasEmail, URIRef(f"mailto:{municipality.contact_email}")))
    if municipality.phone:
        graph.add((contact, VCARD.hasTelephone,
                   URIRef("tel:" + "".join(municipality.phone.split()))))
    return contact


def _dataset(graph, entry: DatasetEntry, *, publisher, contact, licence, languages) -> URIRef:
    indicator = entry.indicator
    dataset = _typed(graph, f"{entry.page_url}#dataset", DCAT.Dataset)
    _both_languages(graph, dataset, DCTERMS.title, _translated(indicator, "name"))
    descriptions = {language: files.plain_text(text) for language, text
                    in _translated(indicator, "description").items()}
    if not any(descriptions.values()):
        descriptions = _translated(indicator, "name")
    _both_languages(graph, dataset, DCTERMS.description, descriptions)
    graph.add((dataset, DCTERMS.identifier, Literal(str(dataset))))
    graph.add((dataset, DCTERMS.publisher, publisher))
    graph.add((dataset, DCAT.contactPoint, contact))
    graph.add((dataset, DCAT.landingPage, _typed(graph, entry.page_url, FOAF.Document)))
    graph.add((dataset, DCTERMS.accrualPeriodicity, _typed(
        graph, f"{EU}frequency/{FREQUENCY[indicator.frequency]}", DCTERMS.Frequency)))
    for language in languages:
        graph.add((dataset, DCTERMS.language, language))
    for theme in indicator.themes.all():
        _both_languages(graph, dataset, DCAT.keyword, _translated(theme, "title"))
    updated = entry.updated
    graph.add((dataset, DCTERMS.modified, Literal(updated.date(), datatype=XSD.date)))
    if entry.first_period:
        temporal = BNode()
        graph.add((temporal, RDF.type, DCTERMS.PeriodOfTime))
        graph.add((temporal, DCAT.startDate, Literal(entry.first_period, datatype=XSD.date)))
        graph.add((temporal, DCAT.endDate, Literal(
            period_end(entry.last_period, indicator.frequency), datatype=XSD.date)))
        graph.add((dataset, DCTERMS.temporal, temporal))
    for key, _name, media_type, file_type in FORMATS:
        url = entry.download_urls[key]
        distribution = _typed(graph, f"{entry.page_url}#{key}", DCAT.Distribution)
        graph.add((distribution, DCAT.accessURL, URIRef(entry.page_url)))
        graph.add((distribution, DCAT.downloadURL, URIRef(url)))
        graph.add((distribution, DCTERMS.title, Literal(
            f"{indicator.name_da or indicator.name} ({file_type})", lang="da")))
        if indicator.name_en:
            graph.add((distribution, DCTERMS.title, Literal(
                f"{indicator.name_en} ({file_type})", lang="en")))
        graph.add((distribution, DCAT.mediaType, _typed(graph, IANA + media_type,
                                                        DCTERMS.MediaType)))
        graph.add((distribution, DCTERMS["format"], _typed(
            graph, f"{EU}file-type/{file_type}", DCTERMS.MediaTypeOrExtent)))
        graph.add((distribution, DCTERMS.license, licence))
        graph.add((distribution, DCTERMS.modified, Literal(updated.date(), datatype=XSD.date)))
        graph.add((dataset, DCAT.distribution, distribution))
    return dataset


def serialise(graph: Graph, kind: str) -> str:
    """The graph as Turtle, or as JSON-LD compacted with the usual prefixes."""
    if kind == "json-ld":
        context = {prefix: str(namespace) for prefix, namespace in graph.namespaces()
                   if prefix in ("dcat", "dct", "foaf", "vcard", "xsd", "rdf")}
        return graph.serialize(format="json-ld", context=context, auto_compact=True, indent=2)
    return graph.serialize(format="turtle")
