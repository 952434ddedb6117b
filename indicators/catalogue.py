"""The open-data catalogue: every public indicator as a dataset in DCAT-AP-DK (the Danish
profile of DCAT-AP that Open Data DK harvests), as Turtle or JSON-LD.

An rdflib graph, so the Turtle and the JSON-LD are always well-formed and every literal
escaped. rdflib takes about a second to import: only the catalogue's view loads this module.
Built from records the view fetched; nothing here queries the database.
"""

import datetime
from dataclasses import dataclass

from rdflib import RDF, XSD, BNode, Graph, Literal, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, Namespace

from indicators import files
from indicators.opendata import FORMATS, period_end

# rdflib's own VCARD is the old 2001 vocabulary; DCAT-AP-DK uses the 2006 one.
VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")

IANA = "https://www.iana.org/assignments/media-types/"
LANGUAGES = {"da": "DAN", "en": "ENG"}
FREQUENCY = {"year": "ANNUAL", "quarter": "QUARTERLY", "month": "MONTHLY"}
EU = "http://publications.europa.eu/resource/authority/"


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
        if key == "csv":  # text/csv names no separator: say which, for those who parse it
            _both_languages(graph, distribution, DCTERMS.description, CSV_DESCRIPTION)
        graph.add((distribution, DCAT.mediaType, _typed(graph, IANA + media_type,
                                                        DCTERMS.MediaType)))
        graph.add((distribution, DCTERMS["format"], _typed(
            graph, f"{EU}file-type/{file_type}", DCTERMS.MediaTypeOrExtent)))
        graph.add((distribution, DCTERMS.license, licence))
        graph.add((distribution, DCTERMS.modified, Literal(updated.date(), datatype=XSD.date)))
        graph.add((dataset, DCAT.distribution, distribution))
    return dataset


# The CSV convention of core/spreadsheets.py, in words (the same in every catalogue language).
CSV_DESCRIPTION = {
    "da": "Semikolonsepareret med decimalkomma, UTF-8 med byte order mark, så dansk Excel "
          "åbner filen i kolonner. Metadata øverst, tallene under dem.",
    "en": "Semicolon-separated with decimal commas, UTF-8 with a byte-order mark, so Danish "
          "Excel opens the file in columns. Metadata first, the figures below.",
}


def serialise(graph: Graph, kind: str) -> str:
    """The graph as Turtle, or as JSON-LD compacted with the usual prefixes."""
    if kind == "json-ld":
        context = {prefix: str(namespace) for prefix, namespace in graph.namespaces()
                   if prefix in ("dcat", "dct", "foaf", "vcard", "xsd", "rdf")}
        return graph.serialize(format="json-ld", context=context, auto_compact=True, indent=2)
    return graph.serialize(format="turtle")
