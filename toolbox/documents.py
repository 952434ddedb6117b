"""Editable DOCX and ODT documents from the simple Markdown of the demo templates.

Understood: `#`/`##`/`###` headings, `- ` bullets, `**bold**` inside a line, blank lines between
paragraphs. That is all the templates use; anything else is kept as plain text.
"""

import io
import re

_BOLD = re.compile(r"(\*\*[^*]+\*\*)")


def _blocks(markdown: str):
    """(kind, level, text) for each heading, bullet and paragraph."""
    paragraph = []
    for line in markdown.strip().splitlines():
        stripped = line.strip()
        heading = re.match(r"^(#{1,3})\s+(.*)$", stripped)
        if heading or stripped.startswith("- ") or not stripped:
            if paragraph:
                yield ("p", 0, " ".join(paragraph))
                paragraph = []
        if heading:
            yield ("h", len(heading.group(1)), heading.group(2))
        elif stripped.startswith("- "):
            yield ("li", 0, stripped[2:])
        elif stripped:
            paragraph.append(stripped)
    if paragraph:
        yield ("p", 0, " ".join(paragraph))


def _runs(text: str):
    """(text, is_bold) pieces of a line."""
    for piece in _BOLD.split(text):
        if piece.startswith("**") and piece.endswith("**") and len(piece) > 4:
            yield piece[2:-2], True
        elif piece:
            yield piece, False


# The language tag a document is marked with: spell checkers and screen readers use it.
LANGUAGE_TAGS = {"da": "da-DK", "en": "en-GB"}


def language_tag(language: str) -> str:
    return LANGUAGE_TAGS.get(language, language)


def build_docx(markdown: str, *, title: str, language: str) -> bytes:
    from docx import Document  # ~0.5 s to load, only for the demo's downloadable templates
    from docx.oxml.ns import qn

    document = Document()
    document.core_properties.title = title
    document.core_properties.language = language_tag(language)
    # python-docx's blank document marks all text en-US in its default run properties; a
    # Danish template would be spell-checked and read aloud as American English.
    for lang in document.styles.element.iter(qn("w:lang")):
        lang.set(qn("w:val"), language_tag(language))
        lang.set(qn("w:eastAsia"), language_tag(language))
    for kind, level, text in _blocks(markdown):
        if kind == "h":
            document.add_heading(text.replace("**", ""), level=level)
            continue
        paragraph = document.add_paragraph(style="List Bullet" if kind == "li" else None)
        for run_text, bold in _runs(text):
            paragraph.add_run(run_text).bold = bold
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def build_odt(markdown: str, *, title: str, language: str) -> bytes:
    from odf import dc, style, text as odf_text  # ~0.5 s, like python-docx above
    from odf.opendocument import OpenDocumentText

    document = OpenDocumentText()
    document.meta.addElement(dc.Title(text=title))
    document.meta.addElement(dc.Language(text=language_tag(language)))
    headings = {}
    for level, size in ((1, "20pt"), (2, "15pt"), (3, "13pt")):
        heading_style = style.Style(name=f"Heading {level}", family="paragraph",
                                    defaultoutlinelevel=str(level))
        heading_style.addElement(style.ParagraphProperties(margintop="0.4cm", marginbottom="0.2cm"))
        heading_style.addElement(style.TextProperties(fontsize=size, fontweight="bold"))
        document.styles.addElement(heading_style)
        headings[level] = heading_style
    body_style = style.Style(name="Text body", family="paragraph")
    body_style.addElement(style.ParagraphProperties(marginbottom="0.25cm"))
    document.styles.addElement(body_style)
    bold = style.Style(name="Strong", family="text")
    bold.addElement(style.TextProperties(fontweight="bold"))
    document.styles.addElement(bold)

    def paragraph(text):
        element = odf_text.P(stylename=body_style)
        for run_text, is_bold in _runs(text):
            if is_bold:
                element.addElement(odf_text.Span(stylename=bold, text=run_text))
            else:
                element.addText(run_text)
        return element

    current_list = None
    for kind, level, content in _blocks(markdown):
        if kind == "li":
            if current_list is None:
                current_list = odf_text.List()
                document.text.addElement(current_list)
            item = odf_text.ListItem()
            item.addElement(paragraph(content))
            current_list.addElement(item)
            continue
        current_list = None
        if kind == "h":
            document.text.addElement(odf_text.H(outlinelevel=level, stylename=headings[level],
                                                text=content.replace("**", "")))
        else:
            document.text.addElement(paragraph(content))
    buffer = io.BytesIO()
    document.write(buffer)
    return buffer.getvalue()


BUILDERS = {"docx": build_docx, "odt": build_odt}
