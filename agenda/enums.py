from django.db import models
from django.utils.translation import gettext_lazy as _


class SessionKind(models.TextChoices):
    OPENING = "opening", _("Opening")
    PLENARY = "plenary", _("Plenary")
    PANEL = "panel", _("Panel")
    ROUND_TABLE = "round_table", _("Round table")
    BREAK = "break", _("Break")
    SIDE_EVENT = "side_event", _("Side event")
    CLOSING = "closing", _("Closing")
    BILATERAL = "bilateral", _("Bilateral meetings")


class Language(models.TextChoices):
    """The six official languages of the United Nations."""

    ARABIC = "ar", _("Arabic")
    CHINESE = "zh", _("Chinese")
    ENGLISH = "en", _("English")
    FRENCH = "fr", _("French")
    RUSSIAN = "ru", _("Russian")
    SPANISH = "es", _("Spanish")


# Each language named in itself, as a link to a document in it reads.
LANGUAGE_NAMES = {
    Language.ARABIC: "العربية",
    Language.CHINESE: "中文",
    Language.ENGLISH: "English",
    Language.FRENCH: "Français",
    Language.RUSSIAN: "Русский",
    Language.SPANISH: "Español",
}
# BCP 47 tags where a code alone is not the one the page itself uses.
LANGUAGE_TAGS = {Language.CHINESE: "zh-Hans"}


class Role(models.TextChoices):
    """What a person does in a session, in the order a programme lists them."""

    CHAIR = "chair", _("Chair")
    VICE_CHAIR = "vice_chair", _("Vice-Chair")
    MODERATOR = "moderator", _("Moderator")
    SPEAKER = "speaker", _("Speaker")
    PANELLIST = "panellist", _("Panellist")
    RAPPORTEUR = "rapporteur", _("Rapporteur")


class DocumentKind(models.TextChoices):
    """Kinds of meeting documents, in the order a documents page lists them."""

    CONCEPT_NOTE = "concept_note", _("Concept note")
    PROVISIONAL_AGENDA = "provisional_agenda", _("Provisional agenda")
    ANNOTATED_AGENDA = "annotated_agenda", _("Annotated provisional agenda")
    INFORMATION_NOTE = "information_note", _("Information note")
    PRESENTATION = "presentation", _("Presentation")
    OUTCOME = "outcome", _("Outcome document")


class SideEventAccess(models.TextChoices):
    """Who may take a seat at a side event."""

    OPEN = "open", _("Open to all approved delegates")
    RESTRICTED = "restricted", _("Restricted to chosen categories or roles")
    INVITATION = "invitation", _("By invitation code only")


class SignUpStatus(models.TextChoices):
    """Where a delegate stands at a side event.

    A wish made on the registration form is "requested": it holds no seat and
    waits for the registration's approval, which books it (or puts it on the
    waiting list). A wish whose side event had started, or no longer admitted the
    delegate, by then "lapsed" and stays as a record.
    """

    BOOKED = "booked", _("Seat booked")
    WAITLISTED = "waitlisted", _("On the waiting list")
    REQUESTED = "requested", _("Requested at registration")
    LAPSED = "lapsed", _("Request lapsed")


class SpeakingLevel(models.TextChoices):
    """The level at which a speaker takes the floor, in protocol order."""

    HEAD_OF_STATE = "head_of_state", _("Head of State or Government")
    MINISTER = "minister", _("Minister or Vice-Minister")
    HEAD_OF_DELEGATION = "head_of_delegation", _("Head of delegation")
    OTHER = "other", _("Other representative")
