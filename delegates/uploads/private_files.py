"""The personal uploads kept in private storage, by folder, and how staff see them."""

from pathlib import PurePosixPath

from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ..models import Answer, Delegation, Registration

CREDENTIALS_LETTER_NAME = "credentials-letter.pdf"

# Each personal upload's folder: the model and field holding its files, and the
# name a download gets.
PRIVATE_UPLOADS = {
    "photos": (Registration, "photo", None),
    "credentials": (Delegation, "credentials_letter", CREDENTIALS_LETTER_NAME),
    "answers": (Answer, "file", None),
}

FOLDER_LABELS = {
    "photos": _("Badge photo"),
    "credentials": _("Credentials letter"),
}

# What staff read for a stored file's type: never its internal random name.
FILE_KINDS = {
    ".pdf": "PDF",
    ".jpg": "JPEG",
    ".jpeg": "JPEG",
    ".png": "PNG",
    ".webp": "WebP",
}


def upload_label(holder, folder: str) -> str:
    """What the file is: "Badge photo", or the question a file answered."""
    if folder == "answers":
        return holder.question.label
    return str(FOLDER_LABELS[folder])


def neutral_file_name(label: str, field_file) -> str:
    """The file as staff see it, "Passport scan (PDF, 120 KB)", not its stored name."""
    kind = file_kind(field_file.name)
    try:
        size = filesizeformat(field_file.size)
    except OSError:  # Gone from the storage: say what it was, without a size.
        return f"{label} ({kind})"
    return f"{label} ({kind}, {size})"


def file_kind(stored_name: str) -> str:
    """ "PDF", "JPEG": the type a stored file's name says, for staff to read."""
    return FILE_KINDS.get(PurePosixPath(stored_name).suffix.lower(), gettext("file"))
