from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from consultation.content_languages import main_language_errors
from consultation.uploads import random_file_name

from ..enums import LANGUAGE_NAMES, LANGUAGE_TAGS, DocumentKind, Language
from ..validators import validate_document_file

validate_document_symbol = RegexValidator(
    r"^[A-Z][A-Z0-9]*(/[A-Za-z0-9.()-]+)+$",
    _("Write a UN document symbol such as ESCAP/SSC/2026/1 or ESCAP/SSC/2026/L.1."),
    code="document_symbol",
)


def document_upload_to(instance, filename):
    return random_file_name("documents", filename)


class DocumentQuerySet(models.QuerySet):
    def published(self):
        return self.filter(published=True)


class Document(models.Model):
    """A meeting document under its UN symbol, with a file or link per language.

    One symbol (ESCAP/SSC/2026/1) names every language version of a document;
    each version is a ``DocumentFile``.
    """

    meeting = models.ForeignKey(
        "consultation.Meeting",
        on_delete=models.CASCADE,
        related_name="documents",
        verbose_name=_("meeting"),
    )
    kind = models.CharField(_("kind"), max_length=30, choices=DocumentKind)
    title = models.CharField(_("title"), max_length=300)
    symbol = models.CharField(
        _("document symbol"),
        max_length=60,
        blank=True,
        validators=[validate_document_symbol],
        help_text=_(
            "e.g. ESCAP/SSC/2026/1; unique within the meeting, one for every "
            "language version."
        ),
    )
    agenda_item = models.ForeignKey(
        "agenda.AgendaItem",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="documents",
        verbose_name=_("agenda item"),
    )
    session = models.ForeignKey(
        "agenda.Session",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="documents",
        verbose_name=_("session"),
    )
    published = models.BooleanField(
        _("published"), default=False, help_text=_("Listed on the public site.")
    )
    updated_at = models.DateTimeField(auto_now=True)

    objects = DocumentQuerySet.as_manager()

    class Meta:
        ordering = ["meeting", "symbol", "title", "pk"]
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "symbol"],
                condition=~Q(symbol=""),
                name="unique_document_symbol_per_meeting",
                violation_error_message=_(
                    "Another document of this meeting has this symbol."
                ),
            ),
            models.CheckConstraint(
                condition=Q(agenda_item__isnull=True) | Q(session__isnull=True),
                name="document_attached_to_item_or_session",
                violation_error_message=_(
                    "Attach a document to an agenda item or to a session, "
                    "not both; leave both empty for the meeting as a whole."
                ),
            ),
        ]

    def __str__(self):
        return f"{self.symbol} {self.title}" if self.symbol else self.title

    def validate_constraints(self, exclude=None):
        # Inlines beside a session or an agenda item leave the meeting out of the
        # form but set it; the symbol must still be unique within that meeting.
        exclude = set(exclude or ()) - {"meeting"} if self.meeting_id else exclude
        super().validate_constraints(exclude=exclude)

    def clean(self):
        errors = (
            main_language_errors(self, "title", self.meeting) if self.meeting_id else {}
        )
        for name in ("agenda_item", "session"):
            related_id = getattr(self, f"{name}_id")
            if (
                related_id
                and self.meeting_id
                and getattr(self, name).meeting_id != self.meeting_id
            ):
                errors[name] = _("This belongs to another meeting.")
        if errors:
            raise ValidationError(errors)


class DocumentFile(models.Model):
    """One language version of a document: an uploaded file or a link."""

    document = models.ForeignKey(
        Document,
        on_delete=models.CASCADE,
        related_name="files",
        verbose_name=_("document"),
    )
    language = models.CharField(
        _("language"), max_length=2, choices=Language, default=Language.ENGLISH
    )
    file = models.FileField(
        _("file"),
        upload_to=document_upload_to,
        blank=True,
        validators=[validate_document_file],
        help_text=_("PDF or Office file; or give a link instead."),
    )
    url = models.URLField(
        _("link"), blank=True, help_text=_("Where the document is published.")
    )

    class Meta:
        ordering = ["document", "language", "pk"]
        verbose_name = _("language version")
        verbose_name_plural = _("language versions")
        constraints = [
            models.UniqueConstraint(
                fields=["document", "language"],
                name="unique_document_file_per_language",
                violation_error_message=_(
                    "This document already has a version in this language."
                ),
            ),
            models.CheckConstraint(
                condition=(Q(file="") & ~Q(url="")) | (~Q(file="") & Q(url="")),
                name="document_file_is_a_file_or_a_link",
                violation_error_message=_(
                    "Give either an uploaded file or a link, not both."
                ),
            ),
        ]

    def __str__(self):
        return f"{self.document} ({self.get_language_display()})"

    @property
    def href(self):
        return self.file.url if self.file else self.url

    @property
    def language_tag(self):
        """The BCP 47 tag for hreflang and lang: zh-Hans for Chinese."""
        return LANGUAGE_TAGS.get(self.language, self.language)

    @property
    def language_name(self):
        """The language named in itself (Français, 中文), as a link to it reads."""
        return LANGUAGE_NAMES[self.language]
