"""The personal uploads kept in private storage, by folder."""

from ..models import Answer, Delegation, Registration

CREDENTIALS_LETTER_NAME = "credentials-letter.pdf"

# Each personal upload's folder: the model and field holding its files, and the
# name a download gets.
PRIVATE_UPLOADS = {
    "photos": (Registration, "photo", None),
    "credentials": (Delegation, "credentials_letter", CREDENTIALS_LETTER_NAME),
    "answers": (Answer, "file", None),
}
