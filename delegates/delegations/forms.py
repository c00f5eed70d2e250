"""Forms a focal point fills to nominate and manage a delegation."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Layout, Row
from django import forms
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_countries import countries
from pypdf import PdfReader

from consultation.countries.represented import offer_represented_countries
from consultation.stale_edits import VersionedAdminForm

from ..email_addresses import email_key
from ..enums import OPEN_STATUSES, DelegationRole, ParticipantCategory
from ..forms import ask_again_for_files, ask_gender_without_default
from ..models import STATE_CATEGORIES, Delegation, Registration
from ..questions.enums import AskedAt
from ..questions.forms import QuestionFieldsMixin
from ..uploads.validation import PdfProblem, check_pdf_is_inert
from ..uploads.widgets import PrivateFileWidget
from ..validators import check_free_text

MAX_CREDENTIALS_BYTES = 5 * 1024 * 1024
MAX_CREDENTIALS_PAGES = 30
MAX_MEMBERS_PER_FORM = 20
BLANK_MEMBER_ROWS = 4

# A focal point nominates for a government or an organisation; the press and the
# secretariat itself register in other ways.
NOMINATING_CATEGORIES = [
    (value, label)
    for value, label in ParticipantCategory.choices
    if value not in (ParticipantCategory.MEDIA, ParticipantCategory.SECRETARIAT)
]


PDF_PROBLEM_MESSAGES = {
    "active": _(
        "This PDF contains scripts, automatic actions or attached files, which we "
        "cannot accept. Please send the letter as a plain PDF: print it to PDF or "
        "scan the signed letter."
    ),
    "bomb": _(
        "This PDF unpacks to far more data than a letter holds, which we cannot "
        "accept. Please print the letter to PDF again or scan the signed letter."
    ),
}


def validate_credentials_letter(upload):
    """Accept a readable, unencrypted, inert PDF of sensible size, by its content."""
    if upload.size > MAX_CREDENTIALS_BYTES:
        raise forms.ValidationError(
            _("The letter is too large: at most %(megabytes)d MB."),
            code="too_large",
            params={"megabytes": MAX_CREDENTIALS_BYTES // (1024 * 1024)},
        )
    upload.seek(0)
    if upload.read(5) != b"%PDF-":
        raise forms.ValidationError(_("The letter must be a PDF file."), code="not_pdf")
    upload.seek(0)
    try:
        reader = PdfReader(upload)
        if reader.is_encrypted:
            raise forms.ValidationError(
                _(
                    "The PDF is password-protected; please upload it without "
                    "a password."
                ),
                code="encrypted",
            )
        pages = len(reader.pages)
        check_pdf_is_inert(reader)
    except forms.ValidationError:
        raise
    except PdfProblem as problem:
        raise forms.ValidationError(
            PDF_PROBLEM_MESSAGES[problem.code], code=f"pdf_{problem.code}"
        ) from problem
    except Exception as error:  # pypdf raises many types on a malformed file.
        raise forms.ValidationError(
            _("This PDF could not be read; please upload the letter again."),
            code="unreadable",
        ) from error
    finally:
        upload.seek(0)
    if not 1 <= pages <= MAX_CREDENTIALS_PAGES:
        raise forms.ValidationError(
            _("The letter must have between 1 and %(pages)d pages."),
            code="page_count",
            params={"pages": MAX_CREDENTIALS_PAGES},
        )


class DelegationForm(forms.ModelForm):
    """The delegation itself: whom it represents, its focal point and its letter."""

    members_informed = forms.BooleanField(
        label=_(
            "I confirm that the people I nominate have read the privacy notice and "
            "agree that the secretariat processes their data for this meeting."
        )
    )

    class Meta:
        model = Delegation
        fields = [
            "category",
            "country",
            "name",
            "focal_point_name",
            "focal_point_email",
            "language",
            "credentials_letter",
        ]
        labels = {
            "name": _("Delegation (country or organisation)"),
            "focal_point_name": _("Your name (focal point)"),
            "focal_point_email": _("Your email"),
        }
        help_texts = {
            "name": _(
                "For a Member State or associate member, leave empty to use the "
                "country's name."
            ),
            "credentials_letter": _(
                "The note verbale or letter of credentials, as one PDF file of at "
                "most 5 MB."
            ),
        }
        widgets = {
            "credentials_letter": forms.ClearableFileInput(
                attrs={"accept": "application/pdf"}
            ),
            "focal_point_email": forms.EmailInput(
                attrs={"autocomplete": "email", "dir": "ltr"}
            ),
        }

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.meeting = meeting
        self.fields["category"].choices = [("", "---------"), *NOMINATING_CATEGORIES]
        offer_represented_countries(self.fields["country"], meeting)
        self.fields["name"].required = False
        self.fields["credentials_letter"].required = True
        self.fields["focal_point_name"].widget.attrs["autocomplete"] = "name"
        self.fields["language"].initial = translation.get_language()
        self.fields["language"].required = False
        self.fields["language"].help_text = _(
            "The secretariat writes to you and to the members you name in it."
        )
        check_free_text(self)
        ask_again_for_files(self)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True

    def clean_language(self):
        return self.cleaned_data["language"] or translation.get_language()

    def clean_credentials_letter(self):
        letter = self.cleaned_data["credentials_letter"]
        validate_credentials_letter(letter)
        return letter

    def clean(self):
        cleaned_data = super().clean()
        category = cleaned_data.get("category")
        country = cleaned_data.get("country")
        if category in STATE_CATEGORIES:
            if not country and "country" not in self.errors:
                self.add_error(
                    "country",
                    _("Please choose the country your delegation represents."),
                )
            elif country and not cleaned_data.get("name"):
                cleaned_data["name"] = str(countries.name(country))
            if (
                country
                and self.meeting.delegations.filter(
                    category__in=STATE_CATEGORIES, country=country
                ).exists()
            ):
                self.add_error(
                    "country",
                    _(
                        "This country's delegation is already registered. Its focal "
                        "point can add members from the link we sent them."
                    ),
                )
        elif category:
            cleaned_data["country"] = ""
            if not cleaned_data.get("name"):
                self.add_error("name", _("Please give the organisation's name."))
        name = cleaned_data.get("name")
        if name and self.meeting.delegations.filter(name__iexact=name).exists():
            self.add_error(
                "name",
                _(
                    "A delegation of this name is already registered. Its focal "
                    "point can add members from the link we sent them."
                ),
            )
        return cleaned_data

    def delegation_data(self):
        """The validated fields that make up the delegation."""
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class CredentialsLetterForm(forms.Form):
    """The focal point sends the credentials letter after the nomination."""

    letter = forms.FileField(
        label=_("Credentials letter"),
        help_text=_(
            "The note verbale or letter of credentials, as one PDF file of at most "
            "5 MB."
        ),
        validators=[validate_credentials_letter],
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        ask_again_for_files(self)


class MemberForm(QuestionFieldsMixin, forms.ModelForm):
    """One person in the delegation, with the meeting's questions for members.

    Given the meeting (a replacement, on its own), it refuses a person already
    registered for it; rows of a formset leave that to the formset, which checks
    them all at once (and give ``asking_meeting`` for the questions).

    A member's category is the delegation's: a known delegation's
    (``delegation_category``) offers only the questions for it; on the
    nomination form it is chosen beside the members (``chosen_category``, the
    submitted one), every question is offered, the script shows each row those
    for the category chosen, and the server keeps only their answers.
    """

    questions_asked_at = AskedAt.DELEGATION_MEMBER

    class Meta:
        model = Registration
        fields = [
            "role",
            "honorific",
            "given_name",
            "family_name",
            "job_title",
            "organisation",
            "email",
            "gender",
            "consent_public_list",
        ]
        labels = {"consent_public_list": _("May appear in the list of participants")}

    def __init__(
        self,
        *args,
        meeting=None,
        asking_meeting=None,
        delegation_category=None,
        chosen_category=None,
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        self.meeting = meeting
        self.offered_category = delegation_category
        self.chosen_category = chosen_category
        self.questions = []
        if meeting or asking_meeting:
            self.meeting_asking = meeting or asking_meeting
            self._add_member_questions()
        self.fields["email"].widget.attrs.update(autocomplete="off", dir="ltr")
        check_free_text(self)
        ask_gender_without_default(self)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        self.helper.layout = Layout(
            Row(Column("role"), Column("honorific")),
            Row(Column("given_name"), Column("family_name")),
            Row(Column("job_title"), Column("organisation")),
            Row(Column("email"), Column("gender")),
            "consent_public_list",
            *self.question_fieldsets(),
        )

    def _add_member_questions(self):
        # The mixin reads the meeting as self.meeting, which here means "check
        # the email against it" (None in a formset's rows).
        checked_meeting, self.meeting = self.meeting, self.meeting_asking
        try:
            self.add_question_fields()
        finally:
            self.meeting = checked_meeting

    def clean(self):
        cleaned_data = super().clean()
        self.clean_answers(cleaned_data)
        return cleaned_data

    def answering_category(self, cleaned_data):
        return self.offered_category or self.chosen_category

    def clean_email(self):
        email = self.cleaned_data["email"]
        if (
            self.meeting is not None
            and Registration.objects.filter(meeting=self.meeting)
            .with_email(email)
            .exists()
        ):
            raise forms.ValidationError(
                _(
                    "This person is already registered for this meeting; please "
                    "write to the secretariat to attach their registration to "
                    "your delegation."
                ),
                code="already_registered",
            )
        return email

    def member_data(self):
        """The member's registration fields, and their answers under "answers"."""
        return {
            **{name: self.cleaned_data[name] for name in self.Meta.fields},
            "answers": self.answers(),
        }


class BaseMemberFormSet(forms.BaseFormSet):
    """Several members at once; checks what can be checked before the service runs.

    The head-of-delegation and quota rules are enforced again by the services under a
    lock; here they give the focal point a message beside the right row.
    """

    def __init__(
        self,
        *args,
        meeting,
        existing_heads=0,
        delegation_category=None,
        chosen_category=None,
        **kwargs,
    ):
        self.meeting = meeting
        self.existing_heads = existing_heads
        self.member_categories = {
            "delegation_category": delegation_category,
            "chosen_category": chosen_category,
        }
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index):
        return {
            **super().get_form_kwargs(index),
            "asking_meeting": self.meeting,
            **self.member_categories,
        }

    def filled_forms(self):
        return [
            form
            for form in self.forms
            if form.has_changed() and form not in self.deleted_forms
        ]

    def clean(self):
        # A tampered management form has its own message, which this would replace.
        if any(self.errors) or not self.management_form.is_valid():
            return
        filled = self.filled_forms()
        if not filled:
            raise forms.ValidationError(
                _("Please name at least one member."), code="no_members"
            )
        heads = self.existing_heads + sum(
            form.cleaned_data["role"] == DelegationRole.HEAD for form in filled
        )
        if heads == 0:
            raise forms.ValidationError(
                _("Please name one member as head of delegation."), code="no_head"
            )
        if heads > 1:
            raise forms.ValidationError(
                _("A delegation has exactly one head of delegation."),
                code="several_heads",
            )
        self._check_emails(filled)

    def _check_emails(self, filled):
        emails = [email_key(form.cleaned_data["email"]) for form in filled]
        taken = {
            email_key(email)
            for email in Registration.objects.filter(meeting=self.meeting)
            .with_email(*emails)
            .values_list("email", flat=True)
        }
        seen = set()
        for form, email in zip(filled, emails, strict=True):
            if email in seen:
                form.add_error(
                    "email", _("Two members cannot share one email address.")
                )
            elif email in taken:
                form.add_error(
                    "email",
                    _(
                        "This person is already registered for this meeting. Leave "
                        "them out here: the secretariat attaches existing "
                        "registrations to their delegation."
                    ),
                )
            seen.add(email)

    def members_data(self):
        return [form.member_data() for form in self.filled_forms()]


def member_formset_class(*, extra=BLANK_MEMBER_ROWS, max_num=MAX_MEMBERS_PER_FORM):
    return forms.formset_factory(
        MemberForm,
        formset=BaseMemberFormSet,
        extra=extra,
        max_num=max_num,
        validate_max=True,
        absolute_max=MAX_MEMBERS_PER_FORM,
    )


class DelegationAdminForm(VersionedAdminForm):
    """The organisers' form: a PDF letter, a quota never below the seats taken.

    It saves only over the version of the delegation it showed (see VersionedAdminForm).
    """

    class Meta:
        model = Delegation
        fields = [
            "meeting",
            "name",
            "category",
            "country",
            "seat_quota",
            "focal_point_name",
            "focal_point_email",
            "credentials_letter",
        ]
        widgets = {
            "credentials_letter": PrivateFileWidget(label=_("Credentials letter"))
        }

    def clean_credentials_letter(self):
        letter = self.cleaned_data["credentials_letter"]
        if letter and "credentials_letter" in self.changed_data:
            validate_credentials_letter(letter)
        return letter

    def clean_seat_quota(self):
        quota = self.cleaned_data["seat_quota"]
        if quota is None or self.instance.pk is None:
            return quota
        seated = self.instance.members.filter(status__in=OPEN_STATUSES).count()
        if quota < seated:
            raise forms.ValidationError(
                ngettext(
                    "The delegation already has %(seated)d member; withdraw "
                    "members before lowering the quota.",
                    "The delegation already has %(seated)d members; withdraw "
                    "members before lowering the quota.",
                    seated,
                ),
                params={"seated": seated},
                code="below_seated",
            )
        return quota


class AttachRegistrationForm(forms.Form):
    """An organiser attaches a delegate who registered alone to a delegation."""

    registration = forms.ModelChoiceField(
        queryset=Registration.objects.none(), widget=forms.HiddenInput
    )
    role = forms.ChoiceField(
        label=_("Capacity in the delegation"),
        choices=DelegationRole.choices,
        initial=DelegationRole.DELEGATE,
    )

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["registration"].queryset = candidates
