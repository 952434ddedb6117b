"""Open data: each public indicator as JSON, and the DCAT-AP-DK catalogue of them all, read the
way a harvester reads them (rdflib) and checked against the agency's own SHACL shapes."""

import datetime
import json
from pathlib import Path

import pytest
from django.conf import settings
from pyshacl import validate
from rdflib import RDF, Graph, Literal, URIRef
from rdflib import namespace as ns

from indicators.catalogue import VCARD
from tests.factories import BreakdownFactory, ObservationFactory, ThemeFactory

pytestmark = pytest.mark.django_db

# CI has ../shared beside the clone, as the helpers' worktrees have.
SHAPES = (Path(settings.BASE_DIR).parent / "shared" / "reference" / "dcat-ap-dk"
          / "dcat-ap-dk_2.0.2_shacl_shapes.ttl")
EU = "http://publications.europa.eu/resource/authority/"


@pytest.fixture
def themed(volunteers):
    theme = ThemeFactory(title_da="Flere frivillige", title_en="More volunteers")
    volunteers.themes.add(theme)
    area = BreakdownFactory(dimension="area", slug="idraet", name_da="Idræt", name_en="Sport")
    ObservationFactory(indicator=volunteers, period=datetime.date(2024, 1, 1), breakdown=area,
                       value=300)
    return volunteers


def catalogue(client, path="/indikatorer/dcat.ttl") -> Graph:
    response = client.get(path)
    assert response.status_code == 200
    return Graph().parse(data=response.content.decode(), format="turtle")


def test_indicator_json_holds_figures_breakdowns_status_notes_and_metadata(client, themed,
                                                                          municipality):
    response = client.get("/indikatorer/frivillige/data.json")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    document = json.loads(response.content)
    assert document["indicator"]["name"] == "Frivillige registreret"
    assert document["indicator"]["unit"] == "count"
    assert document["indicator"]["frequency"] == "year"
    assert document["indicator"]["themes"] == ["Flere frivillige"]
    assert document["indicator"]["is_example_data"] is True
    assert document["licence"] == {"name": "CC BY 4.0",
                                   "url": "https://creativecommons.org/licenses/by/4.0/"}
    assert document["language"] == "da"
    assert document["last_updated"][:4] == str(datetime.date.today().year)
    assert document["links"]["csv"] == "http://testserver/indikatorer/frivillige/data.csv"
    assert document["links"]["json"] == "http://testserver/indikatorer/frivillige/data.json"
    totals = [o for o in document["observations"] if o["breakdown"] is None]
    assert [(o["period"], o["value"], o["status"]) for o in totals][-2:] == [
        ("2024", 815, "final"), ("2025", 870, "provisional")]
    assert totals[-1]["note"] == "Foreløbigt tal"
    assert totals[-1]["period_end"] == "2025-12-31"
    by_area = [o for o in document["observations"] if o["breakdown"]]
    assert by_area == [{
        "period": "2024", "period_label": "2024", "period_start": "2024-01-01",
        "period_end": "2024-12-31",
        "breakdown": {"dimension": "area", "slug": "idraet", "name": "Idræt"},
        "value": 300, "status": "final", "status_label": "Endelig", "note": ""}]
    assert document["targets"] == [{"period": "2027", "period_start": "2027-01-01",
                                    "value": 1000}]


def test_indicator_json_in_english_under_en(client, themed, municipality):
    document = json.loads(client.get("/en/indicators/frivillige/data.json").content)

    assert document["indicator"]["name"] == "Registered volunteers"
    assert document["language"] == "en"
    assert document["observations"][-1]["note"] == "Provisional"


def test_internal_indicator_is_never_open_data(client, internal, reader, municipality):
    client.force_login(reader)  # even a reader allowed to see it on the pages

    assert client.get(f"/indikatorer/{internal.slug}/data.json").status_code == 404
    body = client.get("/indikatorer/dcat.ttl").content.decode()
    assert internal.slug not in body and "intern" not in body.lower()


def test_catalogue_has_a_dataset_per_public_indicator_with_three_distributions(
        client, themed, internal, municipality):
    graph = catalogue(client)

    catalogues = list(graph.subjects(RDF.type, ns.DCAT.Catalog))
    assert catalogues == [URIRef("http://testserver/indikatorer/dcat.ttl")]
    datasets = list(graph.objects(catalogues[0], ns.DCAT.dataset))
    assert datasets == [URIRef("http://testserver/indikatorer/frivillige/#dataset")]
    dataset = datasets[0]
    assert set(graph.objects(dataset, ns.DCTERMS.title)) == {
        Literal("Frivillige registreret", lang="da"), Literal("Registered volunteers", lang="en")}
    downloads = {str(graph.value(d, ns.DCAT.downloadURL)): str(graph.value(d, ns.DCAT.mediaType))
                 for d in graph.objects(dataset, ns.DCAT.distribution)}
    assert downloads == {
        "http://testserver/indikatorer/frivillige/data.csv":
            "https://www.iana.org/assignments/media-types/text/csv",
        "http://testserver/indikatorer/frivillige/data.xlsx":
            "https://www.iana.org/assignments/media-types/application/"
            "vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "http://testserver/indikatorer/frivillige/data.json":
            "https://www.iana.org/assignments/media-types/application/json",
    }
    # Every address it names answers.
    for url in downloads:
        assert client.get(url.removeprefix("http://testserver")).status_code == 200


def test_catalogue_names_publisher_licence_period_frequency_and_contact(client, themed,
                                                                       municipality):
    graph = catalogue(client)
    dataset = URIRef("http://testserver/indikatorer/frivillige/#dataset")

    publisher = graph.value(dataset, ns.DCTERMS.publisher)
    assert (publisher, RDF.type, ns.FOAF.Agent) in graph
    assert graph.value(publisher, ns.FOAF.name) == Literal(municipality.name, lang="da")
    assert graph.value(dataset, ns.DCTERMS.accrualPeriodicity) == URIRef(f"{EU}frequency/ANNUAL")
    temporal = graph.value(dataset, ns.DCTERMS.temporal)
    assert graph.value(temporal, ns.DCAT.startDate) == Literal(datetime.date(2021, 1, 1),
                                                            datatype=ns.XSD.date)
    assert graph.value(temporal, ns.DCAT.endDate) == Literal(datetime.date(2025, 12, 31),
                                                          datatype=ns.XSD.date)
    contact = graph.value(dataset, ns.DCAT.contactPoint)
    assert (contact, RDF.type, VCARD.Kind) in graph
    assert graph.value(contact, VCARD.hasEmail) == URIRef(f"mailto:{municipality.contact_email}")
    licences = {graph.value(d, ns.DCTERMS.license) for d in graph.objects(dataset,
                                                                     ns.DCAT.distribution)}
    assert licences == {URIRef("https://creativecommons.org/licenses/by/4.0/")}
    assert set(graph.objects(dataset, ns.DCAT.keyword)) == {
        Literal("Flere frivillige", lang="da"), Literal("More volunteers", lang="en")}


def test_catalogue_conforms_to_the_dcat_ap_dk_shapes(client, themed, municipality):
    """The official SHACL shapes of DCAT-AP-DK (Digitaliseringsstyrelsen): 0 violations."""
    shapes = Graph().parse(SHAPES, format="turtle")
    for path in ["/indikatorer/dcat.ttl"]:
        conforms, _graph, report = validate(catalogue(client, path), shacl_graph=shapes)
        assert conforms, report


def test_catalogue_as_json_ld_is_the_same_graph(client, themed, municipality):
    response = client.get("/indikatorer/dcat.jsonld")

    assert response["Content-Type"] == "application/ld+json; charset=utf-8"
    as_json_ld = Graph().parse(data=response.content.decode(), format="json-ld")
    assert len(as_json_ld) == len(catalogue(client)) > 40


def test_english_catalogue_address_serves_the_same_identities(client, themed, municipality):
    danish = catalogue(client)
    english = catalogue(client, "/en/indicators/dcat.ttl")

    assert set(english.subjects(RDF.type, ns.DCAT.Dataset)) == set(
        danish.subjects(RDF.type, ns.DCAT.Dataset))


def test_catalogue_is_linked_from_the_dashboard(client, themed, municipality):
    body = client.get("/indikatorer/").content.decode()

    assert 'href="/indikatorer/dcat.ttl"' in body


def test_catalogue_query_count_does_not_grow_with_indicators(client, themed, municipality,
                                                            django_assert_max_num_queries):
    from tests.factories import IndicatorFactory

    for _ in range(5):
        extra = IndicatorFactory()
        ObservationFactory(indicator=extra)
        extra.themes.add(ThemeFactory())
    with django_assert_max_num_queries(3):
        assert client.get("/indikatorer/dcat.ttl").status_code == 200
    with django_assert_max_num_queries(6):
        assert client.get("/indikatorer/frivillige/data.json").status_code == 200
