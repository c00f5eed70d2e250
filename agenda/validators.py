"""Checks on what organisers upload as meeting documents."""

import zipfile

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

MAX_DOCUMENT_SIZE = 25 * 1024 * 1024

PDF_MAGIC = b"%PDF-"
ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

# Extension -> how the file must begin. Office Open XML files are zip packages
# that also carry a [Content_Types].xml part; legacy Office files are OLE2.
DOCUMENT_FORMATS = {
    "pdf": PDF_MAGIC,
    "docx": ZIP_MAGIC,
    "xlsx": ZIP_MAGIC,
    "pptx": ZIP_MAGIC,
    "doc": OLE_MAGIC,
    "xls": OLE_MAGIC,
    "ppt": OLE_MAGIC,
}


def validate_document_file(value):
    """Accept PDF and Office files whose content matches their extension.

    The browser's content type and the file name are the uploader's word; the first
    bytes (and, for Office Open XML, the package's manifest) are what the file is.
    Files already stored are not read again.
    """
    if getattr(value, "_committed", False):
        return
    extension = value.name.rsplit(".", 1)[-1].lower() if "." in value.name else ""
    magic = DOCUMENT_FORMATS.get(extension)
    if magic is None:
        raise ValidationError(
            _("Upload a PDF or an Office file (%(formats)s)."),
            params={"formats": ", ".join(sorted(DOCUMENT_FORMATS))},
            code="document_extension",
        )
    if value.size > MAX_DOCUMENT_SIZE:
        raise ValidationError(
            _("The file is larger than %(mb)s MB."),
            params={"mb": MAX_DOCUMENT_SIZE // (1024 * 1024)},
            code="document_size",
        )
    value.seek(0)
    head = value.read(len(magic))
    value.seek(0)
    valid = head == magic and (magic != ZIP_MAGIC or _is_office_package(value))
    value.seek(0)
    if not valid:
        raise ValidationError(
            _("This file is not the .%(extension)s file its name says it is."),
            params={"extension": extension},
            code="document_content",
        )


def _is_office_package(file):
    try:
        with zipfile.ZipFile(file) as package:
            return "[Content_Types].xml" in package.namelist()
    except zipfile.BadZipFile:
        return False
