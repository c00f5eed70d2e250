"""Reading PDFs back in tests: text, pages and embedded fonts (pypdf)."""

import io
import unicodedata

from pypdf import PdfReader


def pdf_reader(content: bytes) -> PdfReader:
    assert content.startswith(b"%PDF-"), content[:80]
    return PdfReader(io.BytesIO(content))


def pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in pdf_reader(content).pages)


def embedded_fonts(content: bytes) -> set[str]:
    """Base names (subset prefix removed) of the fonts whose file is embedded."""
    names = set()
    for page in pdf_reader(content).pages:
        fonts = page["/Resources"].get("/Font", {})
        for font in fonts.values():
            font = font.get_object()
            descriptor = font.get("/FontDescriptor")
            if descriptor and "/FontFile2" in descriptor.get_object():
                names.add(str(font["/BaseFont"]).split("+", 1)[-1])
    return names


def logical_text(content: bytes) -> str:
    """The PDF's text as words in logical order, for comparing with what was typed.

    pypdf reads shaped Arabic back as presentation forms (the joined shapes, such
    as U+FEE3 for an initial meem) and breaks a right-to-left line where a run of
    another direction begins: NFKC folds the forms back to the letters typed, and
    whitespace, line breaks included, is collapsed to single spaces. Compare it
    with ``folded(typed)``: NFKC also splits Thai ำ into the ํ and า it is drawn as.
    """
    return folded(pdf_text(content))


def folded(text: str) -> str:
    """Text in NFKC with single spaces, as ``logical_text`` gives it."""
    return " ".join(unicodedata.normalize("NFKC", text).split())
