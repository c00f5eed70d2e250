"""Forms of the check-in desk."""

import datetime

from django import forms
from django.utils import formats
from django.utils.translation import gettext_lazy as _

BADGE_CODE_MAX_LENGTH = 200


def day_choices(meeting):
    return [
        (day.isoformat(), formats.date_format(day, "l j F")) for day in meeting.days
    ]


class CheckInForm(forms.Form):
    """One scan (the badge code) or one pick from the name search (registration)."""

    day = forms.TypedChoiceField(
        label=_("Day"), coerce=datetime.date.fromisoformat, choices=()
    )
    code = forms.CharField(
        label=_("Badge code"),
        required=False,
        max_length=BADGE_CODE_MAX_LENGTH,
        strip=True,
        widget=forms.TextInput(
            attrs={
                "autofocus": True,
                "autocomplete": "off",
                "autocapitalize": "off",
                "spellcheck": "false",
                "class": "form-control form-control-lg",
            }
        ),
        help_text=_("Scan the QR code on the badge; the scanner types and presses Enter."),
    )
    registration = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["day"].choices = day_choices(meeting)
        self.fields["day"].widget.attrs["class"] = "form-select"

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("code") and not cleaned.get("registration"):
            raise forms.ValidationError(
                _("Scan a badge, or search by name and pick the person.")
            )
        return cleaned


class DeskSearchForm(forms.Form):
    q = forms.CharField(
        label=_("Search by name or organisation"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search", "class": "form-control"}),
    )
    day = forms.TypedChoiceField(
        label=_("Day"),
        coerce=datetime.date.fromisoformat,
        choices=(),
        required=False,
        widget=forms.HiddenInput,
    )

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["day"].choices = day_choices(meeting)
