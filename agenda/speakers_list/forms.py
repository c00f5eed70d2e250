from django import forms
from django.core.validators import MaxValueValidator
from django.utils.translation import gettext_lazy as _

from ..enums import SpeakingLevel
from ..models import Inscription
from .selectors import inscribable_members, open_lists


class SpeakerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.display_name} ({obj.get_role_display()})"


class ListChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return str(obj.agenda_item)


class InscriptionForm(forms.Form):
    """A delegation inscribes one of its members on an open list of speakers."""

    list_of_speakers = ListChoiceField(
        label=_("Agenda item"), queryset=None, empty_label=None
    )
    speaker = SpeakerChoiceField(label=_("Speaker"), queryset=None)
    level = forms.ChoiceField(
        label=_("Speaks as"),
        choices=SpeakingLevel.choices,
        help_text=_(
            "The order follows protocol: Member States, then associate members, "
            "then observers and other participants; within each, heads of State or "
            "Government, then ministers, then heads of delegation, then other "
            "representatives, each in order of inscription."
        ),
    )

    def __init__(self, *args, delegation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["list_of_speakers"].queryset = open_lists(delegation.meeting)
        self.fields["speaker"].queryset = inscribable_members(delegation)


class MoveSpeakerForm(forms.Form):
    """The organiser moves a speaker to another place and says why."""

    to_position = forms.IntegerField(label=_("New place"), min_value=1)
    reason = forms.CharField(
        label=_("Reason"),
        max_length=300,
        help_text=_("Kept with the move, e.g. “Exchanged places with Fiji”."),
    )

    def __init__(self, *args, inscription: Inscription, **kwargs):
        super().__init__(*args, **kwargs)
        last = inscription.list_of_speakers.inscriptions.count()
        field = self.fields["to_position"]
        field.validators.append(MaxValueValidator(last))
        field.widget.attrs["max"] = last
