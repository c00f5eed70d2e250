from django.utils.translation import gettext_lazy as _
from phonenumber_field.serializerfields import PhoneNumberField
from rest_framework import serializers

from consultation.api.permissions import may_read_personal_data
from consultation.outbox.models import OutgoingMail

from ..enums import RegistrationStatus
from ..models import CheckIn, Delegation, Registration
from ..personal_data import (
    DELEGATION_PERSONAL_FIELDS,
    OUTGOING_MAIL_PERSONAL_FIELDS,
    REGISTRATION_PERSONAL_FIELDS,
)
from ..questions.models import Answer


class PersonalDataMixin:
    """Leave out ``personal_fields`` unless the request's token may read them.

    The schema (drf-spectacular's fake view) lists them, as optional: not
    read-only there, which the schema would make required (the serializers only
    ever write responses).
    """

    personal_fields: tuple = ()

    def get_fields(self):
        fields = super().get_fields()
        view = self.context.get("view")
        if getattr(view, "swagger_fake_view", False):
            for name in self.personal_fields:
                fields[name].read_only = False
                fields[name].required = False
            return fields
        request = self.context.get("request")
        if request is None or not may_read_personal_data(request):
            for name in self.personal_fields:
                fields.pop(name, None)
        return fields


class AnswerSerializer(serializers.ModelSerializer):
    question_label = serializers.CharField(source="question.label")
    value = serializers.CharField(source="display_value")
    choices = serializers.SerializerMethodField()

    class Meta:
        model = Answer
        fields = ["question", "question_label", "value", "choices"]

    def get_choices(self, answer) -> list[int]:
        return [choice.pk for choice in answer.choices.all()]


class RegistrationSerializer(PersonalDataMixin, serializers.ModelSerializer):
    personal_fields = REGISTRATION_PERSONAL_FIELDS

    country = serializers.CharField()
    nationality = serializers.CharField()
    phone = PhoneNumberField()
    emergency_contact_phone = PhoneNumberField()
    full_name = serializers.CharField()
    answers = AnswerSerializer(source="prefetched_answers", many=True)

    class Meta:
        model = Registration
        fields = [
            "id",
            "status",
            "status_changed_at",
            "category",
            "country",
            "organisation",
            "delegation",
            "role",
            "gender",
            "language",
            "consent_public_list",
            "created_at",
            "updated_at",
            *REGISTRATION_PERSONAL_FIELDS,
        ]
        read_only_fields = fields


class StatusChangeSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=RegistrationStatus.choices)
    reason = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=2000,
        help_text=_("Told to the delegate in the status email."),
    )


class StatusChangedSerializer(serializers.Serializer):
    status = serializers.ChoiceField(
        choices=RegistrationStatus.choices,
        help_text=_("The status reached: waitlisted when the meeting was full."),
    )
    registration = RegistrationSerializer()


class DelegationSerializer(PersonalDataMixin, serializers.ModelSerializer):
    personal_fields = DELEGATION_PERSONAL_FIELDS

    country = serializers.CharField()

    class Meta:
        model = Delegation
        fields = [
            "id",
            "name",
            "country",
            "category",
            "language",
            "credentials_status",
            "seat_quota",
            "created_at",
            "updated_at",
            *DELEGATION_PERSONAL_FIELDS,
        ]
        read_only_fields = fields


class CheckInSerializer(serializers.ModelSerializer):
    class Meta:
        model = CheckIn
        fields = ["id", "registration", "day", "side_event", "at"]
        read_only_fields = fields


class CheckInRequestSerializer(serializers.Serializer):
    """Whom to check in (a badge's scanned code, or a registration id) and where."""

    code = serializers.CharField(
        required=False, max_length=500, help_text=_("The code scanned from a badge.")
    )
    registration = serializers.IntegerField(required=False, min_value=1)
    day = serializers.DateField(
        required=False,
        help_text=_("A day of the meeting; today where it takes place if empty."),
    )
    side_event = serializers.IntegerField(
        required=False,
        min_value=1,
        help_text=_("At this side event's door instead of the meeting's entrance."),
    )

    def validate(self, data):
        if ("code" in data) == ("registration" in data):
            raise serializers.ValidationError(
                _("Give either the badge's code or the registration's id.")
            )
        return data


class CheckInResultSerializer(serializers.Serializer):
    outcome = serializers.CharField()
    message = serializers.CharField()
    check_in = CheckInSerializer()


class OutgoingMailSerializer(PersonalDataMixin, serializers.ModelSerializer):
    personal_fields = OUTGOING_MAIL_PERSONAL_FIELDS

    class Meta:
        model = OutgoingMail
        fields = [
            "id",
            "kind",
            "language",
            "status",
            "attempts",
            "registration",
            "delegation",
            "created_at",
            "sent_at",
            *OUTGOING_MAIL_PERSONAL_FIELDS,
        ]
        read_only_fields = fields


class RegistrationRequestSerializer(serializers.Serializer):
    """The public registration form's fields, for the schema only.

    The form itself (delegates.forms.RegistrationForm) validates what is sent,
    with every rule the public form applies; this lists its fields for clients.
    Answers to the organisers' questions are sent as ``question_<id>``.
    """

    honorific = serializers.CharField()
    given_name = serializers.CharField()
    family_name = serializers.CharField()
    family_name_first = serializers.BooleanField(required=False)
    badge_name = serializers.CharField(required=False)
    gender = serializers.CharField()
    job_title = serializers.CharField()
    organisation = serializers.CharField()
    category = serializers.CharField()
    country = serializers.CharField(required=False)
    nationality = serializers.CharField(required=False)
    role = serializers.CharField()
    email = serializers.EmailField()
    phone = serializers.CharField()
    language = serializers.CharField(required=False)
    needs_visa_letter = serializers.BooleanField(required=False)
    passport_number = serializers.CharField(required=False)
    passport_expiry = serializers.DateField(required=False)
    date_of_birth = serializers.DateField(required=False)
    arrival_date = serializers.DateField(required=False)
    departure_date = serializers.DateField(required=False)
    dietary_requirements = serializers.CharField(required=False)
    accessibility_requirements = serializers.CharField(required=False)
    emergency_contact_name = serializers.CharField(required=False)
    emergency_contact_phone = serializers.CharField(required=False)
    consent_privacy = serializers.BooleanField()
    consent_public_list = serializers.BooleanField(required=False)
    side_events = serializers.ListField(
        child=serializers.IntegerField(), required=False
    )
