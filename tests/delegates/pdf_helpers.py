"""Reading PDFs back in tests: text, pages and embedded fonts (pypdf)."""

import io

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
