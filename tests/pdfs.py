"""PDFs a credentials letter must not be: active content and decompression bombs."""

import io
import zlib

from pypdf import PdfWriter
from pypdf.actions import JavaScript
from pypdf.generic import (
    ArrayObject,
    DecodedStreamObject,
    DictionaryObject,
    NameObject,
    TextStringObject,
)


def _written(writer):
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _one_page():
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    return writer


def _action(kind, **entries):
    return DictionaryObject(
        {
            NameObject("/S"): NameObject(kind),
            **{NameObject(f"/{key}"): value for key, value in entries.items()},
        }
    )


def pdf_with_javascript():
    """Runs a script when opened (the document-level JavaScript name tree)."""
    writer = _one_page()
    writer.add_open_action(JavaScript("app.alert('opened');"))
    return _written(writer)


def pdf_launching_a_program():
    writer = _one_page()
    writer._root_object[NameObject("/OpenAction")] = _action(
        "/Launch", F=TextStringObject("cmd.exe")
    )
    return _written(writer)


def pdf_with_a_page_action():
    """An additional action (/AA) that fires when the first page opens."""
    writer = _one_page()
    writer.pages[0][NameObject("/AA")] = DictionaryObject(
        {NameObject("/O"): _action("/URI", URI=TextStringObject("https://x.test/"))}
    )
    return _written(writer)


def pdf_with_an_attached_file():
    writer = _one_page()
    writer.add_attachment("invoice.exe", b"MZ\x90\x00")
    return _written(writer)


def pdf_that_opens_on_its_first_page():
    """A harmless /OpenAction: a destination, as word processors write it."""
    writer = _one_page()
    writer._root_object[NameObject("/OpenAction")] = ArrayObject(
        [writer.pages[0].indirect_reference, NameObject("/Fit")]
    )
    return _written(writer)


def pdf_bomb(inflated_megabytes=210):
    """A page whose content stream is a few hundred KB unpacking to hundreds of MB."""
    writer = _one_page()
    packer = zlib.compressobj(9)
    zeros = b"\0" * (1024 * 1024)
    packed = b"".join(packer.compress(zeros) for _ in range(inflated_megabytes))
    packed += packer.flush()
    stream = DecodedStreamObject()
    stream.set_data(b"")
    stream[NameObject("/Filter")] = NameObject("/FlateDecode")
    stream._data = packed
    writer.pages[0][NameObject("/Contents")] = writer._add_object(stream)
    return _written(writer)
