"""Checks on the text people type into the public forms."""

import unicodedata

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# Typed in a text area; everywhere else a control character is a paste or a forgery.
LINE_BREAKS_AND_TABS = frozenset("\n\r\t")
# Unicode's own line and paragraph separators: line breaks too, though not controls.
SEPARATOR_CATEGORIES = frozenset({"Zl", "Zp"})
# Unicode categories that show nothing: controls, format characters, separators.
INVISIBLE_CATEGORIES = frozenset({"Cc", "Cf", "Zs", "Zl", "Zp"})


def _has_control_characters(value, *, multi_line):
    for character in value:
        # NUL has Django's own message (ProhibitNullCharactersValidator).
        if character == "\x00":
            continue
        category = unicodedata.category(character)
        if multi_line:
            if category == "Cc" and character not in LINE_BREAKS_AND_TABS:
                return True
        elif category == "Cc" or category in SEPARATOR_CATEGORIES:
            return True
    return False


def _refuse_control_characters(value, *, multi_line):
    if _has_control_characters(value, multi_line=multi_line):
        raise ValidationError(
            _(
                "This text contains invisible control characters; please type it "
                "again without them."
            ),
            code="control_characters",
        )


def _require_visible(value):
    # Spaces are stripped before this, but not zero-width or other format
    # characters: a name of those alone would print as a blank badge.
    if value and all(
        unicodedata.category(character) in INVISIBLE_CATEGORIES for character in value
    ):
        raise ValidationError(
            _("This text has no visible characters."), code="invisible_text"
        )


def validate_single_line_text(value):
    """Refuse control characters, line breaks and tabs included, in one line of text,
    and text that shows nothing.

    They break badges, exports and emails, and no keyboard types them in a field.
    """
    _refuse_control_characters(value, multi_line=False)
    _require_visible(value)


def validate_multi_line_text(value):
    """Refuse control characters in a text area, but for line breaks and tabs, and
    text that shows nothing."""
    _refuse_control_characters(value, multi_line=True)
    _require_visible(value)


def check_free_text(form):
    """Refuse control characters, and text that shows nothing, in the form's
    free-text fields.

    Emails, phone numbers and choices have checks of their own.
    """
    for field in form.fields.values():
        if type(field) is not forms.CharField:
            continue
        multi_line = isinstance(field.widget, forms.Textarea)
        field.validators.append(
            validate_multi_line_text if multi_line else validate_single_line_text
        )
