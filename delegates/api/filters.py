"""What the lists can be narrowed by, e.g. ``?status=approved&country=TH``."""

import django_filters

from consultation.outbox.enums import MailStatus
from consultation.outbox.models import OutgoingMail

from ..enums import ParticipantCategory, RegistrationStatus
from ..models import CheckIn, Delegation, Registration


class UpdatedSinceFilterSet(django_filters.FilterSet):
    updated_since = django_filters.IsoDateTimeFilter(
        field_name="updated_at",
        lookup_expr="gte",
        label="Changed at or after this moment (ISO 8601)",
    )


class CountryFilter(django_filters.CharFilter):
    def filter(self, qs, value):
        return super().filter(qs, value.upper() if value else value)


class RegistrationFilter(UpdatedSinceFilterSet):
    status = django_filters.ChoiceFilter(choices=RegistrationStatus.choices)
    category = django_filters.ChoiceFilter(choices=ParticipantCategory.choices)
    country = CountryFilter(max_length=2)
    delegation = django_filters.NumberFilter()

    class Meta:
        model = Registration
        fields = ["status", "category", "country", "delegation", "updated_since"]


class DelegationFilter(UpdatedSinceFilterSet):
    category = django_filters.ChoiceFilter(choices=ParticipantCategory.choices)
    country = CountryFilter(max_length=2)

    class Meta:
        model = Delegation
        fields = ["category", "country", "updated_since"]


class CheckInFilter(django_filters.FilterSet):
    since = django_filters.IsoDateTimeFilter(
        field_name="at", lookup_expr="gte", label="Checked in at or after (ISO 8601)"
    )
    side_event = django_filters.NumberFilter()
    registration = django_filters.NumberFilter()

    class Meta:
        model = CheckIn
        fields = ["day", "side_event", "registration", "since"]


class OutgoingMailFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(choices=MailStatus.choices)
    registration = django_filters.NumberFilter()

    class Meta:
        model = OutgoingMail
        fields = ["status", "kind", "registration"]
