import datetime
import unicodedata
from functools import cached_property

from crispy_forms.helper import FormHelper
from crispy_forms.layout import HTML, Div, Fieldset, Layout, Submit
from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator, RegexValidator
from django.db.models.fields.files import ImageFieldFile
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.dateformat import format as format_date
from django.utils.functional import lazy
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from phonenumber_field.formfields import PhoneNumberField

from agenda.enums import SideEventAccess
from agenda.side_events.selectors import side_events_open_to_wishes, wishes_offered
from agenda.side_events.services import wish_problem
from consultation.countries.represented import (
    every_country_choices,
    offer_represented_countries,
)
from consultation.stale_edits import VersionedAdminForm
from consultation.widgets import LongSelect

from .enums import Attendance, Gender, ParticipantCategory
from .models import Registration
from .names import written_in_cjk
from .online.selectors import offered_attendance
from .questions.enums import AskedAt, BuiltInMode
from .questions.forms import QuestionFieldsMixin
from .questions.selectors import built_in_fields, form_of
from .tokens import make_registration_token
from .uploads.validation import MAX_PHOTO_BYTES, BadgePhotoField
from .uploads.widgets import PrivateFileWidget
from .validators import check_free_text

COUNTRY_REQUIRED_CATEGORIES = {
    ParticipantCategory.MEMBER_STATE,
    ParticipantCategory.ASSOCIATE_MEMBER,
}

# Delegates may arrive this many days before the first day and leave this many
# days after the last (pre-meetings, travel), but not outside that window.
TRAVEL_MARGIN = datetime.timedelta(days=7)

ACCESSIBILITY_MAX_LENGTH = 2000

VISA_FIELDS = ["passport_number", "nationality", "passport_expiry", "date_of_birth"]
# Those shown only to a delegate who asks for a visa letter.
PASSPORT_FIELDS = ["passport_number", "passport_expiry", "date_of_birth"]
# Latin by nature: typed and read left to right on an Arabic page too.
LEFT_TO_RIGHT_FIELDS = ["email", "phone", "passport_number", "emergency_contact_phone"]
# What a delegation decides for its members.
DELEGATION_FIELDS = ["category", "country", "role"]


def _optional_photo_help():
    """The photo's help text in the language of the page it is shown on (as a
    class attribute, `_(…) % …` would fix it in English at import)."""
    return _(
        "Optional. A recent passport-style photo for your badge: JPEG, PNG or "
        "WebP, at most %(size)d MB. Otherwise it is taken at the registration desk."
    ) % {"size": MAX_PHOTO_BYTES // (1024 * 1024)}


PHONE_HELP = _("In international format with the country code, e.g. +66 2 288 1234.")
# The library's own message gives a North American example.
PHONE_ERRORS = {
    "invalid": _(
        "Enter a valid phone number in international format with the country "
        "code, e.g. +66 2 288 1234."
    )
}

validate_passport_number = RegexValidator(
    r"^[A-Z0-9]{5,20}$",
    _("A passport number has 5 to 20 letters and digits."),
    code="invalid_passport_number",
)


def ask_again_for_files(form):
    """Say beside each file the person chose that they must choose it again.

    A browser never fills a file input in again, and a form that was sent is only
    shown again when the submission failed: without a word, the photo or letter
    would be silently left out of the next submission.
    """
    for name, field in form.fields.items():
        if isinstance(field, forms.FileField) and form.files.get(form.add_prefix(name)):
            choose_again = gettext(
                "The file you chose could not be kept while the form has mistakes: "
                "please choose it again."
            )
            field.help_text = f"{choose_again} {field.help_text}".strip()


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


def format_day(day):
    return format_date(day, "j F Y")


def without_country_lists(model_field, **kwargs):
    """The model's form field, less the list of a country field: each form
    sets that list by its meeting and language, so the class keeps none for
    Django to copy into every new form."""
    field = model_field.formfield(**kwargs)
    if isinstance(model_field, CountryField):
        field.choices = ()
    return field


class RegistrationForm(QuestionFieldsMixin, forms.ModelForm):
    """Everything a delegate gives about themselves, for registering or correcting.

    The same validation serves the public form and the private link. It never
    says whether an email address is already registered: that is the service's
    business, which answers every new registration the same way.
    """

    phone = PhoneNumberField(
        label=_("Phone"),
        max_length=40,
        help_text=PHONE_HELP,
        error_messages=PHONE_ERRORS,
    )
    emergency_contact_phone = PhoneNumberField(
        label=_("Emergency contact phone"),
        required=False,
        max_length=40,
        help_text=PHONE_HELP,
        error_messages=PHONE_ERRORS,
    )
    photo = BadgePhotoField(
        label=_("Badge photo"),
        required=False,
        widget=forms.ClearableFileInput(
            attrs={"accept": "image/jpeg,image/png,image/webp"}
        ),
        help_text=lazy(_optional_photo_help, str)(),
    )
    consent_privacy = forms.BooleanField(
        required=True,
        error_messages={
            "required": _("Please accept the privacy notice to register."),
        },
    )

    class Meta:
        model = Registration
        formfield_callback = without_country_lists
        fields = [
            "honorific",
            "given_name",
            "family_name",
            "family_name_first",
            "badge_name",
            "gender",
            "job_title",
            "organisation",
            "category",
            "country",
            "nationality",
            "role",
            "email",
            "phone",
            "language",
            "attendance",
            "needs_visa_letter",
            "passport_number",
            "passport_expiry",
            "date_of_birth",
            "arrival_date",
            "departure_date",
            "dietary_requirements",
            "accessibility_requirements",
            "emergency_contact_name",
            "emergency_contact_phone",
            "photo",
            "consent_privacy",
            "consent_public_list",
        ]
        widgets = {
            "country": LongSelect,
            "nationality": LongSelect,
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "passport_expiry": DateInput(),
            "date_of_birth": DateInput(attrs={"autocomplete": "bday"}),
            "arrival_date": DateInput(),
            "departure_date": DateInput(),
            "accessibility_requirements": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "role": _("Your capacity in your country's or organisation's delegation."),
            "needs_visa_letter": _(
                "The secretariat writes a letter supporting your visa application; "
                "it needs your passport details."
            ),
            "dietary_requirements": _("e.g. vegetarian, halal, no nuts."),
            "consent_public_list": _(
                "Your name, title, organisation and country, never your contact "
                "details. You can change your mind until the meeting starts."
            ),
        }

    submit_label = _("Register")
    # Where the meeting offers one way of taking part, the form asks nothing.
    fixed_attendance = None
    # The private link manages side event wishes in a section of its own.
    offers_side_events = True

    def __init__(self, *args, meeting, meeting_form=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.meeting = meeting
        self.instance.meeting = meeting
        # One of the meeting's registration forms; None: the meeting's own.
        self.meeting_form = meeting_form
        self._offer_form_categories()
        if self.offers_side_events:
            self.wishes_offered = wishes_offered(meeting)
            if self.wishes_offered.any_open:
                self._add_side_events_field()
        self.add_question_fields()
        autocomplete = {
            "given_name": "given-name",
            "family_name": "family-name",
            "job_title": "organization-title",
            "organisation": "organization",
            "phone": "tel",
        }
        for name, value in autocomplete.items():
            self.fields[name].widget.attrs["autocomplete"] = value
        for name in LEFT_TO_RIGHT_FIELDS:
            self.fields[name].widget.attrs["dir"] = "ltr"
        offer_represented_countries(
            self.fields["country"], meeting, keep=self.instance.country.code or ""
        )
        self.fields["nationality"].choices = every_country_choices()
        # Offered in the page's language; a form sent without it keeps that too.
        self.fields["language"].required = False
        if self.instance.pk is None:
            self.fields["language"].initial = translation.get_language()
        accessibility = self.fields["accessibility_requirements"]
        accessibility.validators.append(MaxLengthValidator(ACCESSIBILITY_MAX_LENGTH))
        accessibility.widget.attrs["maxlength"] = ACCESSIBILITY_MAX_LENGTH
        check_free_text(self)
        ask_again_for_files(self)
        ask_gender_without_default(self)
        self.fields["consent_privacy"].label = format_html(
            '{} <a href="{}">{}</a>',
            _("I have read and accept the"),
            reverse("delegates:privacy", kwargs={"meeting_slug": meeting.slug}),
            _("privacy notice"),
        )
        self.fields["consent_public_list"].label = _(
            "List my name in the public list of participants"
        )
        self.fields["arrival_date"].help_text = self.fields[
            "departure_date"
        ].help_text = _("The meeting runs from %(start)s to %(end)s.") % {
            "start": format_day(meeting.start_date),
            "end": format_day(meeting.end_date),
        }
        self.fields["passport_expiry"].help_text = _(
            "Must be valid beyond the last day of the meeting."
        )
        self._apply_built_in_fields()
        self._apply_attendance()

    def _offer_form_categories(self):
        """Offer only the participant categories the form is for (and the one a
        stored registration has)."""
        offered = self.meeting_form.categories if self.meeting_form else []
        if not offered:
            return
        keep = {"", *offered, self.instance.category}
        field = self.fields["category"]
        field.choices = [
            (value, label) for value, label in field.choices if value in keep
        ]

    def _apply_built_in_fields(self):
        """Hide or require the fields the meeting's organisers chose to."""
        self.built_in = built_in_fields(self.meeting)
        if not self.built_in.offers_visa_letters:
            for name in ["needs_visa_letter", *self._passport_only_fields()]:
                del self.fields[name]
        if self.built_in.date_of_birth == BuiltInMode.REQUIRED:
            self.fields["date_of_birth"].required = True
        if self.built_in.gender == BuiltInMode.HIDDEN:
            del self.fields["gender"]
        if self.built_in.photo == BuiltInMode.HIDDEN:
            del self.fields["photo"]
        elif self.built_in.photo == BuiltInMode.REQUIRED:
            self.fields["photo"].required = True
            self.fields["photo"].help_text = _(
                "A recent passport-style photo for your badge: JPEG, PNG or WebP, "
                "at most %(size)d MB."
            ) % {"size": MAX_PHOTO_BYTES // (1024 * 1024)}

    def _apply_attendance(self):
        """Ask whether the person comes or joins online, where the meeting offers
        both; an online-only meeting asks nothing about visas."""
        offered = offered_attendance(self.meeting, self.meeting_form)
        if len(offered) > 1:
            field = self.fields["attendance"]
            field.choices = [(choice.value, choice.label) for choice in offered]
            field.widget = forms.RadioSelect(choices=field.choices)
            field.help_text = _(
                "Online participants get the joining links, not a badge or a visa "
                "support letter."
            )
            return
        del self.fields["attendance"]
        if self.instance._state.adding:
            # Written with the rest of the form's values (registration_data).
            self.fixed_attendance = self.instance.attendance = offered[0]
        if self.instance.attendance == Attendance.ONLINE:
            for name in ["needs_visa_letter", *self._passport_only_fields()]:
                self.fields.pop(name, None)

    def _passport_only_fields(self) -> list[str]:
        """The fields asked only with a visa letter request."""
        if self.built_in.asks_date_of_birth_of_everyone:
            return [name for name in PASSPORT_FIELDS if name != "date_of_birth"]
        return list(PASSPORT_FIELDS)

    def _present(self, *names) -> list[str]:
        return [name for name in names if name in self.fields]

    @cached_property
    def helper(self):
        """The form's layout, built when it is shown: a form sent and saved
        never is."""
        return self.build_helper()

    def build_helper(self):
        helper = FormHelper()
        # The templates write the <form> and its CSRF token, so that the empty
        # registration form is kept with a placeholder for the token (views.py).
        helper.form_tag = False
        helper.disable_csrf = True
        helper.layout = Layout(
            Fieldset(
                _("About you"),
                "honorific",
                "given_name",
                "family_name",
                "family_name_first",
                "badge_name",
                *self._present("gender"),
                *(
                    ["date_of_birth"]
                    if self.built_in.asks_date_of_birth_of_everyone
                    else []
                ),
                "job_title",
                "organisation",
            ),
            Fieldset(
                _("Whom you represent"), "category", "country", "nationality", "role"
            ),
            Fieldset(_("Contact"), "email", "phone", "language"),
            *(
                [Fieldset(_("How you take part"), "attendance")]
                if "attendance" in self.fields
                else []
            ),
            Fieldset(
                _("Travel and visa"),
                "arrival_date",
                "departure_date",
                *(
                    [
                        "needs_visa_letter",
                        Div(
                            *self._passport_only_fields(),
                            css_id="passport-fields",
                            css_class="passport-fields",
                        ),
                    ]
                    if "needs_visa_letter" in self.fields
                    else []
                ),
            ),
            Fieldset(
                _("Your needs and an emergency contact"),
                "dietary_requirements",
                "accessibility_requirements",
                "emergency_contact_name",
                "emergency_contact_phone",
            ),
            *([Fieldset(_("Badge photo"), "photo")] if "photo" in self.fields else []),
            *self.question_fieldsets(),
            *(
                [Fieldset(_("Side events"), "side_events")]
                if "side_events" in self.fields
                else []
            ),
            Fieldset(
                _("Consent"),
                HTML(
                    '<p class="small text-body-secondary">{}</p>'.format(
                        _(
                            "We use your details only to organise the meeting. "
                            "The privacy notice explains who sees them and for how "
                            "long."
                        )
                    )
                ),
                "consent_privacy",
                "consent_public_list",
            ),
        )
        helper.add_input(Submit("submit", self.submit_label))
        return helper

    @cached_property
    def wishable_side_events(self) -> dict:
        """The side events open to wishes by id, read once the form shows or checks
        them: a form sent without a wish never reads them."""
        if "side_events" not in self.fields:
            return {}
        side_events = side_events_open_to_wishes(self.meeting)
        return {str(event.pk): event for event in side_events}

    def _side_event_choices(self):
        return [
            (pk, side_event_label(event))
            for pk, event in self.wishable_side_events.items()
        ]

    def _side_events_help(self):
        """The side events field's help, saying why some are not listed."""
        help_text = gettext(
            "Your seat is booked when your registration is approved, while "
            "seats are left; otherwise you join the side event's waiting list. "
            "You can change your choice from your private link until then. "
            "Side events by invitation are not listed: invitees sign up with "
            "their code from their private link once approved."
        )
        if self.wishes_offered.any_asking_questions:
            help_text += " " + gettext(
                "Nor are side events that ask questions of their own: you "
                "answer them when you sign up from your private link."
            )
        return help_text

    def _add_side_events_field(self):
        """Offer the side events open to wishes as checkboxes."""
        self.fields["side_events"] = forms.MultipleChoiceField(
            label=_("Side events you wish to attend"),
            required=False,
            widget=forms.CheckboxSelectMultiple,
            choices=self._side_event_choices,
            # Rather than a side event's id: one taken off the list since the
            # form was opened is the likely reason.
            error_messages={
                "invalid_choice": _(
                    "A side event you ticked is no longer open to wishes; please "
                    "check the list again."
                )
            },
            help_text=self._side_events_help(),
        )

    def _get_validation_exclusions(self):
        exclusions = super()._get_validation_exclusions()
        # The public form must not reveal that an email is registered: leave the
        # email uniqueness constraint to the service, which answers every case
        # alike.
        if self.instance._state.adding:
            exclusions.add("email")
        # The form's own country lists already refused any other code: the model
        # would look for it again among every ISO country.
        exclusions |= {"country", "nationality"} & set(self.fields)
        return exclusions

    def clean_given_name(self):
        return self._clean_name("given_name")

    def clean_family_name(self):
        return self._clean_name("family_name")

    def clean_badge_name(self):
        return self._clean_name("badge_name")

    def _clean_name(self, name):
        # One spelling per name, whichever keyboard typed it (e.g. Vietnamese).
        return unicodedata.normalize("NFC", self.cleaned_data[name])

    def clean_language(self):
        """The chosen language; without one, the registration's, else the page's."""
        if self.cleaned_data["language"]:
            return self.cleaned_data["language"]
        if self.instance.pk:
            return self.instance.language
        return translation.get_language()

    def clean_passport_number(self):
        return "".join(self.cleaned_data["passport_number"].split()).upper()

    def clean_date_of_birth(self):
        born = self.cleaned_data["date_of_birth"]
        if born and not (datetime.date(1900, 1, 1) <= born < timezone.localdate()):
            raise ValidationError(
                _("Please check your date of birth."), code="implausible_birth_date"
            )
        return born

    def clean(self):
        cleaned_data = super().clean()
        # Names written in Chinese, Japanese or Korean script put the family first.
        if written_in_cjk(
            cleaned_data.get("given_name", ""), cleaned_data.get("family_name", "")
        ):
            cleaned_data["family_name_first"] = True
        category = cleaned_data.get("category")
        if (
            category in COUNTRY_REQUIRED_CATEGORIES
            and not cleaned_data.get("country")
            and "country" not in self.errors
        ):
            self.add_error(
                "country", _("Please choose the country your delegation represents.")
            )
        online = (
            cleaned_data.get("attendance", self.fixed_attendance) == Attendance.ONLINE
        )
        if online and cleaned_data.get("needs_visa_letter"):
            self.add_error(
                "needs_visa_letter",
                ValidationError(
                    _(
                        "An online participant needs no visa support letter: untick "
                        "it, or choose to take part in person."
                    ),
                    code="online_needs_no_visa_letter",
                ),
            )
        elif cleaned_data.get("needs_visa_letter"):
            self._require_visa_details(cleaned_data)
        elif "needs_visa_letter" in self.fields:
            # Passport details are kept only for a visa letter (data minimisation).
            # Their fields are hidden then: a mistake left in them is not shown
            # and must not block the form. (Where the meeting offers no letter,
            # none is asked and what a registration holds is left alone.)
            for name in self._passport_only_fields():
                self._errors.pop(name, None)
                cleaned_data[name] = "" if name == "passport_number" else None
        self._check_travel_dates(cleaned_data)
        self._check_emergency_contact(cleaned_data)
        self._check_side_events(cleaned_data)
        self.clean_answers(cleaned_data)
        return cleaned_data

    def _check_side_events(self, cleaned_data):
        """Each chosen side event must admit the chosen category and capacity."""
        category = cleaned_data.get("category")
        role = cleaned_data.get("role")
        if not cleaned_data.get("side_events") or not category or not role:
            return
        now = timezone.now()
        for side_event in self.chosen_side_events():
            problem = wish_problem(side_event, category=category, role=role, now=now)
            if problem:
                self.add_error(
                    "side_events", ValidationError(problem, code="side_event_closed")
                )

    def chosen_side_events(self) -> list:
        """The side events ticked, in programme order."""
        chosen = set(self.cleaned_data.get("side_events") or ())
        if not chosen:
            return []
        return [
            side_event
            for pk, side_event in self.wishable_side_events.items()
            if pk in chosen
        ]

    def _require_visa_details(self, cleaned_data):
        for name in VISA_FIELDS:
            if not cleaned_data.get(name) and name not in self.errors:
                self.add_error(
                    name,
                    ValidationError(
                        _("Needed for the visa support letter."),
                        code="required_for_visa",
                    ),
                )
        number = cleaned_data.get("passport_number")
        if number:
            try:
                validate_passport_number(number)
            except ValidationError as error:
                self.add_error("passport_number", error)
        expiry = cleaned_data.get("passport_expiry")
        if expiry and expiry <= self.meeting.end_date:
            self.add_error(
                "passport_expiry",
                ValidationError(
                    _(
                        "Your passport must be valid after the meeting ends on "
                        "%(end)s; it expires on %(expiry)s."
                    ),
                    code="passport_expires_too_soon",
                    params={
                        "end": format_day(self.meeting.end_date),
                        "expiry": format_day(expiry),
                    },
                ),
            )

    def _check_travel_dates(self, cleaned_data):
        meeting = self.meeting
        earliest = meeting.start_date - TRAVEL_MARGIN
        latest = meeting.end_date + TRAVEL_MARGIN
        arrival = cleaned_data.get("arrival_date")
        departure = cleaned_data.get("departure_date")
        if arrival and not (earliest <= arrival <= meeting.end_date):
            self.add_error(
                "arrival_date",
                ValidationError(
                    _(
                        "Please arrive between %(earliest)s and the last day of the "
                        "meeting, %(end)s."
                    ),
                    code="arrival_outside_meeting",
                    params={
                        "earliest": format_day(earliest),
                        "end": format_day(meeting.end_date),
                    },
                ),
            )
        if departure and not (meeting.start_date <= departure <= latest):
            self.add_error(
                "departure_date",
                ValidationError(
                    _(
                        "Please leave between the first day of the meeting, "
                        "%(start)s, and %(latest)s."
                    ),
                    code="departure_outside_meeting",
                    params={
                        "start": format_day(meeting.start_date),
                        "latest": format_day(latest),
                    },
                ),
            )
        if arrival and departure and departure < arrival:
            self.add_error(
                "departure_date",
                ValidationError(
                    _("Departure cannot be before arrival."),
                    code="departure_before_arrival",
                ),
            )

    def _check_emergency_contact(self, cleaned_data):
        name = cleaned_data.get("emergency_contact_name")
        phone = cleaned_data.get("emergency_contact_phone")
        if name and not phone and "emergency_contact_phone" not in self.errors:
            self.add_error(
                "emergency_contact_phone",
                _("Please give a phone number for your emergency contact."),
            )
        if phone and not name:
            self.add_error(
                "emergency_contact_name",
                _("Please give the name of your emergency contact."),
            )

    def registration_data(self) -> dict:
        """The validated values to write, with the photo only when it changed."""
        data = {
            name: value
            for name, value in self.cleaned_data.items()
            if name in self._meta.fields and name != "photo"
        }
        if "photo" in self.changed_data:
            data["photo"] = self.cleaned_data["photo"] or ""
        if self.fixed_attendance:
            data["attendance"] = self.fixed_attendance
        return data


def side_event_label(side_event) -> str:
    """A side event as a checkbox names it: title, day and time, who may come."""
    session = side_event.session
    label = "{title} – {start}–{end}".format(
        title=session.title,
        start=format_date(session.local_start, "l j F, H:i"),
        end=format_date(session.local_end, "H:i"),
    )
    if side_event.access == SideEventAccess.RESTRICTED:
        label += " · " + side_event.access_description()
    if side_event.is_full:
        label += " · " + gettext("full: you would join the waiting list")
    return label


class CorrectionForm(RegistrationForm):
    """The delegate's own registration, opened by their private link.

    A member of a delegation represents it as its focal point nominated them: the
    category, country and capacity are theirs to change, not the member's.
    Side event wishes are changed in the page's side events section.
    """

    submit_label = _("Save changes")
    offers_side_events = False

    def __init__(self, *args, instance, **kwargs):
        if instance.delegation_id is not None:
            # A member answers the questions their focal point answered for them.
            self.questions_asked_at = AskedAt.DELEGATION_MEMBER
            meeting_form = None
        else:
            meeting_form = form_of(instance)
        super().__init__(*args, instance=instance, meeting_form=meeting_form, **kwargs)
        if self.instance.photo:
            self.initial["photo"] = OwnPhotoFile(self.instance)
        self.fields["email"].help_text = _(
            "A new address takes effect once you open the confirmation link we "
            "send to it."
        )
        if self.instance.delegation_id is not None:
            for name in DELEGATION_FIELDS:
                self.fields[name].disabled = True
                self.fields[name].help_text = _("Set by your delegation's focal point.")


def ask_gender_without_default(form):
    """Make a new person choose their gender: no answer is given for them.

    The model's default ("prefer not to say") would be pre-selected, and most
    people leave a select as it is, which defeats gender-balance statistics.
    "Prefer not to say" stays a choice. A stored registration keeps its answer.
    """
    field = form.fields.get("gender")
    if field is None or form.instance.pk:
        return
    field.choices = [("", _("Choose…")), *Gender.choices]
    form.initial["gender"] = ""


class OwnPhotoFile(ImageFieldFile):
    """A delegate's stored photo, whose link opens it through their private link.

    The photo's own address is the staff view's; the correction form shows this
    one beside "Currently" instead, named for what it is.
    """

    def __init__(self, registration):
        photo = registration.photo
        # The form shows the name beside "Currently": never the stored file's
        # random name. This stand-in is only shown; the form never stores it.
        super().__init__(registration, photo.field, str(_("your badge photo")))

    @property
    def url(self):
        return reverse(
            "delegates:own_photo",
            kwargs={
                "meeting_slug": self.instance.meeting.slug,
                "token": make_registration_token(self.instance),
            },
        )


class RegistrationAdminForm(VersionedAdminForm):
    """The organisers' change form, whose photo passes the same checks as the
    delegate's own (see BadgePhotoField)."""

    photo = BadgePhotoField(
        label=_("badge photo"),
        required=False,
        widget=PrivateFileWidget(label=_("Badge photo")),
    )

    class Meta:
        model = Registration
        fields = "__all__"


class ResendLinkForm(forms.Form):
    email = forms.EmailField(
        label=_("Email"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "dir": "ltr"}),
        help_text=_("The address you registered with."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", _("Send me my link")))
