"""The announcement an organiser writes from the registration list.

A subject and a message per language; the meeting's main language is required,
the others are optional and each person gets theirs, else the main language.
"""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from modeltranslation.utils import build_localized_fieldname

BODY_HELP = _(
    "Plain text. Each person is greeted by name, and their private link is added "
    "below your message."
)


class AnnouncementForm(forms.Form):
    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.main_language = meeting.main_language
        languages = dict(settings.LANGUAGES)
        # The main language first: the one every person falls back to.
        order = [
            self.main_language,
            *(code for code in languages if code != self.main_language),
        ]
        for code in order:
            required = code == self.main_language
            self.fields[self.subject_field(code)] = forms.CharField(
                label=_("Subject (%(language)s)") % {"language": languages[code]},
                max_length=200,
                required=required,
            )
            self.fields[self.body_field(code)] = forms.CharField(
                label=_("Message (%(language)s)") % {"language": languages[code]},
                widget=forms.Textarea(attrs={"rows": 8, "cols": 80, "lang": code}),
                required=required,
                help_text=BODY_HELP if required else "",
            )
            self.fields[self.subject_field(code)].widget.attrs["lang"] = code

    @staticmethod
    def subject_field(code):
        return build_localized_fieldname("subject", code)

    @staticmethod
    def body_field(code):
        return build_localized_fieldname("body", code)

    def clean(self):
        cleaned_data = super().clean()
        for code, name in settings.LANGUAGES:
            subject = cleaned_data.get(self.subject_field(code))
            body = cleaned_data.get(self.body_field(code))
            if subject and not body:
                self.add_error(
                    self.body_field(code),
                    _("Write the message in %(language)s too, or clear its subject.")
                    % {"language": name},
                )
            elif body and not subject:
                self.add_error(
                    self.subject_field(code),
                    _("Give the subject in %(language)s too, or clear its message.")
                    % {"language": name},
                )
        return cleaned_data

    def subjects(self) -> dict:
        """The subjects written, by language."""
        return self._texts(self.subject_field)

    def bodies(self) -> dict:
        """The messages written, by language."""
        return self._texts(self.body_field)

    def _texts(self, field):
        return {
            code: self.cleaned_data[field(code)]
            for code, _name in settings.LANGUAGES
            if self.cleaned_data.get(field(code))
        }
