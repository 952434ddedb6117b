import pytest

from core.markdown import render, slugify

XSS = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "[klik](javascript:alert(1))",
    "[klik](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    '<svg onload="alert(1)"><circle/></svg>',
    '<iframe src="https://evil.example"></iframe>',
    '<p style="background:url(javascript:alert(1))">x</p>',
    '<a href="JaVaScRiPt:alert(1)">x</a>',
    "![x](javascript:alert(1))",
    '<details open ontoggle="alert(1)">',
]


@pytest.mark.parametrize("payload", XSS, ids=range(len(XSS)))
def test_markdown_removes_executable_content(payload):
    html = render(f"Tekst før\n\n{payload}\n\nTekst efter").html.lower()
    for dangerous in ("<script", "onerror", "onload", "ontoggle", "javascript:", "data:text",
                      "<iframe", "<svg", "style="):
        assert dangerous not in html


def test_markdown_keeps_ordinary_formatting_and_safe_links():
    html = render("## Forsikring\n\nSe **borger.dk**: [borger.dk](https://www.borger.dk) "
                  "eller ring [44 77 20 00](tel:44772000).").html
    assert '<h2 id="forsikring">Forsikring</h2>' in html
    assert "<strong>borger.dk</strong>" in html
    assert 'href="https://www.borger.dk"' in html
    assert 'href="tel:44772000"' in html


def test_markdown_lists_headings_for_a_table_of_contents():
    rendered = render("## Hvad siger loven?\n\ntekst\n\n### Særlige regler for børn\n\n## Sådan gør du")
    assert [(h.level, h.id, h.title) for h in rendered.headings] == [
        (2, "hvad-siger-loven", "Hvad siger loven?"),
        (3, "saerlige-regler-for-boern", "Særlige regler for børn"),
        (2, "saadan-goer-du", "Sådan gør du"),
    ]


def test_markdown_has_no_level_one_headings():
    assert "<h1" not in render("# Overskrift\n\ntekst").html


def test_slugify_spells_out_danish_letters():
    assert slugify("Ærø og Ålborg – børn") == "aeroe-og-aalborg-boern"


def test_each_text_is_rendered_on_its_own_although_the_converter_is_reused():
    first = render("## Forsikring\n\n[Et link](https://example.org) og *fremhævning*.")
    second = render("## Forsikring\n\nAndet indhold.")
    # The same heading gets the same anchor (no "_1" from the text before), and nothing of the
    # first text's headings or links comes along.
    assert [(h.id, h.title) for h in second.headings] == [("forsikring", "Forsikring")]
    assert str(second.html) == '<h2 id="forsikring">Forsikring</h2>\n<p>Andet indhold.</p>'
    assert [h.id for h in first.headings] == ["forsikring"]


def test_a_text_rendered_again_comes_from_memory_and_an_edited_text_is_rendered_anew():
    text = "## Forsikring\n\nFørste udgave."
    first = render(text)
    # Kept per process by the text itself: the same text gives the same result without
    # converting again, and the shared result cannot be changed by a caller.
    assert render(text) is first
    assert isinstance(first.headings, tuple)
    edited = render(text.replace("Første", "Anden"))
    assert str(edited.html) == '<h2 id="forsikring">Forsikring</h2>\n<p>Anden udgave.</p>'
    assert str(render(text).html) == '<h2 id="forsikring">Forsikring</h2>\n<p>Første udgave.</p>'
