from crispy_forms.helper import FormHelper
from crispy_forms.layout import Fieldset, Layout, Submit
from django import forms
from django.utils.translation import gettext_lazy as _

from .enums import ParticipantCategory
from .models import Registration

COUNTRY_REQUIRED_CATEGORIES = {
    ParticipantCategory.MEMBER_STATE,
    ParticipantCategory.ASSOCIATE_MEMBER,
}


class RegistrationForm(forms.ModelForm):
    class Meta:
        model = Registration
        fields = [
            "honorific",
            "given_name",
            "family_name",
            "job_title",
            "organisation",
            "category",
            "country",
            "email",
        ]
        widgets = {"email": forms.EmailInput(attrs={"autocomplete": "email"})}

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.meeting = meeting
        self.instance.meeting = meeting
        self.fields["given_name"].widget.attrs["autocomplete"] = "given-name"
        self.fields["family_name"].widget.attrs["autocomplete"] = "family-name"
        self.fields["job_title"].widget.attrs["autocomplete"] = "organization-title"
        self.fields["organisation"].widget.attrs["autocomplete"] = "organization"
        self.helper = FormHelper()
        self.helper.layout = Layout(
            Fieldset(
                _("About you"),
                "honorific",
                "given_name",
                "family_name",
                "job_title",
                "organisation",
            ),
            Fieldset(_("Whom you represent"), "category", "country"),
            Fieldset(_("Contact"), "email"),
        )
        self.helper.add_input(Submit("submit", _("Register")))

    def clean_email(self):
        email = self.cleaned_data["email"].strip()
        already_registered = Registration.objects.filter(
            meeting=self.meeting, email__iexact=email
        ).exists()
        if already_registered:
            raise forms.ValidationError(
                _("This email address is already registered for this meeting."),
                code="duplicate_email",
            )
        return email

    def clean(self):
        cleaned_data = super().clean()
        category = cleaned_data.get("category")
        if category in COUNTRY_REQUIRED_CATEGORIES and not cleaned_data.get("country"):
            self.add_error(
                "country", _("Please choose the country your delegation represents.")
            )
        return cleaned_data
