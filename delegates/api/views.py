"""Registrations and what hangs off them, for systems holding a token.

Reads need the registrations scope (personal data its own); writes their write
scope, and go through the services the public form, the admin and the desk use.
Organisers' decisions made through a token are recorded as made by the
organiser who created it.
"""

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema
from rest_framework import generics, status
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from agenda.models import SideEvent
from consultation.api.exceptions import ApiError
from consultation.api.mixins import (
    ConditionalGetMixin,
    MeetingMixin,
    PersonalDataExportMixin,
)
from consultation.api.permissions import (
    CanReadRegistrations,
    CanWriteCheckIns,
    CanWriteRegistrations,
    token_of,
)
from consultation.outbox.models import OutgoingMail

from ..desk.services import Outcome, check_in
from ..forms import RegistrationForm
from ..models import CheckIn, Delegation, Registration
from ..questions.models import Answer
from ..services import RegistrationError, change_status, register_delegate
from . import filters, serializers


def registrations_for_api(meeting):
    """The meeting's registrations with their answers, in three queries a page."""
    return Registration.objects.filter(meeting=meeting).prefetch_related(
        Prefetch(
            "answers",
            queryset=Answer.objects.select_related("question")
            .prefetch_related("choices")
            .order_by("question__position", "pk"),
            to_attr="prefetched_answers",
        )
    )


class TokenView(
    MeetingMixin, PersonalDataExportMixin, ConditionalGetMixin, generics.GenericAPIView
):
    permission_classes = [CanReadRegistrations]

    def acting_user(self):
        return token_of(self.request).created_by


class RegistrationList(TokenView, generics.ListAPIView):
    """The meeting's registrations, oldest first; personal data with its scope."""

    personal_data_what = gettext_lazy("Registrations")
    carries_passport_data = True
    queryset = Registration.objects.none()
    serializer_class = serializers.RegistrationSerializer
    filterset_class = filters.RegistrationFilter

    def get_queryset(self):
        return registrations_for_api(self.meeting)

    def get_permissions(self):
        if self.request.method == "POST":
            return [CanWriteRegistrations()]
        return super().get_permissions()

    @extend_schema(
        request=serializers.RegistrationRequestSerializer,
        responses={201: serializers.RegistrationSerializer},
    )
    def post(self, request, meeting_slug):
        """Register someone, with the public form's validation (an import).

        Send the form's fields as JSON, answers as ``question_<id>``. An email
        already registered for the meeting is refused (409), never overwritten.
        """
        form = RegistrationForm(data=_form_data(request.data), meeting=self.meeting)
        if not form.is_valid():
            raise ValidationError(form.errors)
        try:
            registration = register_delegate(
                meeting=self.meeting,
                data=form.registration_data(),
                side_events=form.chosen_side_events(),
                answers=form.answers(),
                reveal_duplicate=True,
            )
        except RegistrationError as error:
            raise ApiError(str(error), code="registration_refused") from error
        registration = registrations_for_api(self.meeting).get(pk=registration.pk)
        return Response(
            self.get_serializer(registration).data, status=status.HTTP_201_CREATED
        )


def _form_data(data) -> MultiValueDict:
    """A JSON body as the form data a browser would post: strings, lists repeated."""
    form_data = MultiValueDict()
    if not isinstance(data, dict):
        return form_data
    for name, value in data.items():
        values = value if isinstance(value, list) else [value]
        form_data.setlist(name, [_form_value(item) for item in values])
    return form_data


def _form_value(value) -> str:
    if isinstance(value, bool):
        # As CheckboxInput and the yes/no select read a boolean.
        return "true" if value else "false"
    if value is None:
        return ""
    return str(value)


class RegistrationDetail(TokenView, generics.RetrieveAPIView):
    """One registration of the meeting."""

    personal_data_what = gettext_lazy("Registrations")
    carries_passport_data = True
    queryset = Registration.objects.none()
    serializer_class = serializers.RegistrationSerializer
    lookup_url_kwarg = "registration_id"

    def get_queryset(self):
        return registrations_for_api(self.meeting)


class RegistrationStatusChange(TokenView):
    """Approve, waitlist, reject or cancel a registration, as an organiser would.

    The meeting's capacity holds: approving beyond it waitlists a new
    registration (the answer says which status was reached).
    """

    personal_data_what = gettext_lazy("Registrations")
    carries_passport_data = True
    permission_classes = [CanWriteRegistrations]
    serializer_class = serializers.StatusChangeSerializer

    @extend_schema(responses={200: serializers.StatusChangedSerializer})
    def post(self, request, meeting_slug, registration_id):
        registration = get_object_or_404(
            Registration, meeting=self.meeting, pk=registration_id
        )
        change = self.get_serializer(data=request.data)
        change.is_valid(raise_exception=True)
        try:
            reached = change_status(
                registration,
                to=change.validated_data["status"],
                by=self.acting_user(),
                reason=change.validated_data.get("reason", ""),
            )
        except RegistrationError as error:
            raise ApiError(str(error), code="status_change_refused") from error
        registration = registrations_for_api(self.meeting).get(pk=registration.pk)
        return Response(
            {
                "status": reached,
                "registration": serializers.RegistrationSerializer(
                    registration, context=self.get_serializer_context()
                ).data,
            }
        )


class DelegationList(TokenView, generics.ListAPIView):
    """The meeting's delegations; the focal point's name and email with its scope."""

    queryset = Delegation.objects.none()
    serializer_class = serializers.DelegationSerializer
    filterset_class = filters.DelegationFilter
    personal_data_what = gettext_lazy("Delegations")

    def get_queryset(self):
        return Delegation.objects.filter(meeting=self.meeting)


class CheckInList(TokenView, generics.ListAPIView):
    """Who arrived, on which day or at which side event's door."""

    queryset = CheckIn.objects.none()
    serializer_class = serializers.CheckInSerializer
    filterset_class = filters.CheckInFilter

    def get_queryset(self):
        return CheckIn.objects.filter(registration__meeting=self.meeting)

    def get_permissions(self):
        if self.request.method == "POST":
            return [CanWriteCheckIns()]
        return super().get_permissions()

    @extend_schema(
        request=serializers.CheckInRequestSerializer,
        responses={
            201: serializers.CheckInResultSerializer,
            200: serializers.CheckInResultSerializer,
        },
    )
    def post(self, request, meeting_slug):
        """Check someone in, with the desk's rules (another desk or a pass office).

        201 when checked in now, 200 when they already were (a repeat is
        harmless); a badge that may not enter is refused (409) with the desk's
        outcome as the code: not_approved, rejected, cancelled, forged, unknown,
        other_meeting, not_a_meeting_day, no_seat, side_event_waitlisted.
        """
        wanted = serializers.CheckInRequestSerializer(data=request.data)
        wanted.is_valid(raise_exception=True)
        data = wanted.validated_data
        meeting = self.meeting
        side_event = None
        if "side_event" in data:
            side_event = (
                SideEvent.objects.select_related("session")
                .filter(session__meeting=meeting, pk=data["side_event"])
                .first()
            )
            if side_event is None:
                raise ApiError(
                    _("The meeting has no such side event."),
                    code="unknown_side_event",
                    status_code=status.HTTP_400_BAD_REQUEST,
                )
        result = check_in(
            meeting=meeting,
            by=self.acting_user(),
            day=data.get("day") or timezone.localdate(timezone=meeting.tzinfo),
            code=data.get("code"),
            registration_id=data.get("registration"),
            side_event=side_event,
        )
        if result.outcome not in (Outcome.CHECKED_IN, Outcome.ALREADY):
            raise ApiError(result.message, code=result.outcome)
        body = {
            "outcome": result.outcome,
            "message": result.message,
            "check_in": serializers.CheckInSerializer(result.check_in).data,
        }
        created = result.outcome == Outcome.CHECKED_IN
        return Response(body, status=201 if created else 200)


class OutgoingMailList(TokenView, generics.ListAPIView):
    """The meeting's outgoing email and its delivery; address and text with the
    personal-data scope."""

    queryset = OutgoingMail.objects.none()
    serializer_class = serializers.OutgoingMailSerializer
    filterset_class = filters.OutgoingMailFilter
    personal_data_what = gettext_lazy("Outgoing email")

    def get_queryset(self):
        return OutgoingMail.objects.filter(meeting=self.meeting)
