from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _

from .addresses import UnsafeAddress, resolve
from .enums import WebhookEvent
from .models import WebhookEndpoint

# The permission to see personal data (the Organiser role's), named rather than
# imported: the project imports no app.
PERSONAL_DATA_PERMISSION = "delegates.view_passport_data"


def _form_field(model_field, **kwargs):
    if isinstance(model_field, models.URLField):
        kwargs["assume_scheme"] = "https"
    return model_field.formfield(**kwargs)


class WebhookEndpointForm(forms.ModelForm):
    """An endpoint as organisers set it up; the address is checked before saving."""

    events = forms.MultipleChoiceField(
        label=_("events"),
        choices=WebhookEvent.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The events this address is told about."),
    )

    # The admin sets this to the user saving the form.
    user = None

    class Meta:
        model = WebhookEndpoint
        fields = ["meeting", "name", "url", "events", "include_personal_data"]
        formfield_callback = _form_field

    def clean_url(self):
        url = self.cleaned_data["url"]
        try:
            resolve(url)
        except UnsafeAddress as error:
            raise forms.ValidationError(str(error), code="unsafe_address") from error
        return url

    def clean_include_personal_data(self):
        include = self.cleaned_data["include_personal_data"]
        newly_on = include and not (
            self.instance.pk and self.initial.get("include_personal_data")
        )
        if newly_on and not (
            self.user and self.user.has_perm(PERSONAL_DATA_PERMISSION)
        ):
            raise forms.ValidationError(
                _("Only a user who may see personal data can turn this on."),
                code="personal_data_permission",
            )
        return include
