from crispy_forms.helper import FormHelper
from crispy_forms.layout import Layout
from django import forms
from django.utils.translation import gettext_lazy as _

from delegates.enums import DelegationRole, ParticipantCategory
from delegates.questions.enums import AskedAt
from delegates.questions.forms import QuestionFieldsMixin

from ..enums import SessionKind, SideEventAccess
from ..models import InvitationCode, SideEvent
from .services import MAX_CODES_AT_ONCE


class SideEventSignUpForm(QuestionFieldsMixin, forms.Form):
    """A delegate takes a seat; an invitation-only side event asks for the code.

    The side event's own questions for the delegate's category are asked too,
    as the registration form asks its own: shown by their conditions, required
    when shown; ``answers()`` gives what to store.
    """

    questions_asked_at = AskedAt.SIDE_EVENT

    invitation_code = forms.CharField(
        label=_("Invitation code"),
        max_length=40,
        help_text=_("As written in your invitation, e.g. 7KQ4-MZ2D-X9HP-3RTA."),
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "characters"}
        ),
    )

    def __init__(self, *args, side_event, registration, **kwargs):
        super().__init__(*args, **kwargs)
        self.side_event = side_event
        if side_event.access != SideEventAccess.INVITATION:
            del self.fields["invitation_code"]
        self.meeting = registration.meeting
        self.question_side_event = side_event
        self.offered_category = registration.category
        self.add_question_fields()
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        self.helper.layout = Layout(
            *(["invitation_code"] if "invitation_code" in self.fields else []),
            *self.question_fieldsets(),
        )

    def clean(self):
        cleaned_data = super().clean()
        self.clean_answers(cleaned_data)
        return cleaned_data


class SideEventAdminForm(forms.ModelForm):
    eligible_categories = forms.MultipleChoiceField(
        label=_("eligible participant categories"),
        choices=ParticipantCategory.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("For restricted access: none ticked means any category."),
    )
    eligible_roles = forms.MultipleChoiceField(
        label=_("eligible delegation roles"),
        choices=DelegationRole.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("For restricted access: none ticked means any role."),
    )

    class Meta:
        model = SideEvent
        fields = [
            "session",
            "organiser",
            "description",
            "capacity",
            "access",
            "eligible_categories",
            "eligible_roles",
            "allow_signup_at_registration",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "session" in self.fields:
            self.fields["session"].queryset = self.fields["session"].queryset.filter(
                kind=SessionKind.SIDE_EVENT
            )

    def clean(self):
        cleaned_data = super().clean()
        restricted = cleaned_data.get("access") == SideEventAccess.RESTRICTED
        criteria = ("eligible_categories", "eligible_roles")
        if restricted and not any(cleaned_data.get(name) for name in criteria):
            self.add_error(
                "access",
                _("Tick at least one eligible category or role for restricted access."),
            )
        return cleaned_data


class AddAttendeesForm(forms.Form):
    registrations = forms.ModelMultipleChoiceField(
        label=_("Approved delegates"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "They get a seat while seats are left, then a place on the waiting list."
        ),
    )

    def __init__(self, *args, queryset, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["registrations"].queryset = queryset


class IssueCodesForm(forms.Form):
    side_event = forms.ModelChoiceField(
        label=_("Side event"),
        queryset=SideEvent.objects.filter(access=SideEventAccess.INVITATION)
        .select_related("session__meeting")
        .order_by("session__start", "pk"),
    )
    count = forms.IntegerField(
        label=_("Number of codes"), min_value=1, max_value=MAX_CODES_AT_ONCE, initial=10
    )
    max_uses = forms.IntegerField(
        label=_("Uses per code"),
        min_value=1,
        initial=1,
        help_text=_("1 for a personal invitation; more for a delegation's code."),
    )
    label = forms.CharField(
        label=_("Issued to"),
        max_length=200,
        required=False,
        help_text=_("Whom these codes go to, for your own records."),
    )


class InvitationCodeAdminForm(forms.ModelForm):
    class Meta:
        model = InvitationCode
        fields = ["label", "max_uses"]

    def clean_max_uses(self):
        max_uses = self.cleaned_data["max_uses"]
        if max_uses < self.instance.uses:
            raise forms.ValidationError(
                _("This code has been used %(uses)d times: allow at least that many."),
                params={"uses": self.instance.uses},
            )
        return max_uses
