"""The published programme as the API shows it.

Sessions, people and side events are the page objects of ``agenda.selectors``,
built from the latest published version, never the working programme.
"""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from consultation.models import Meeting

from ..models import (
    AgendaItem,
    Document,
    DocumentFile,
    ProgrammeVersion,
    Room,
    Session,
    SessionRole,
    SideEvent,
    Speaker,
    Track,
)


class MeetingSerializer(serializers.ModelSerializer):
    country = serializers.CharField()

    class Meta:
        model = Meeting
        fields = [
            "slug",
            "title",
            "short_name",
            "description",
            "venue",
            "city",
            "country",
            "start_date",
            "end_date",
            "time_zone",
            "registration_opens",
            "registration_closes",
            "programme_changed_at",
        ]


class VersionSerializer(serializers.ModelSerializer):
    class Meta:
        model = ProgrammeVersion
        fields = ["number", "name", "published_at"]


class RoomSerializer(serializers.ModelSerializer):
    class Meta:
        model = Room
        fields = ["id", "name", "capacity", "location_notes"]


class TrackSerializer(serializers.ModelSerializer):
    class Meta:
        model = Track
        fields = ["id", "name", "slug", "description"]


class NamedSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


class SessionPersonSerializer(serializers.ModelSerializer):
    id = serializers.IntegerField(source="speaker.pk")
    name = serializers.CharField(source="speaker.display_name")

    class Meta:
        model = SessionRole
        fields = ["id", "name", "role", "remarks"]


class SessionSerializer(serializers.ModelSerializer):
    room = NamedSerializer(allow_null=True)
    track = NamedSerializer(allow_null=True)
    people = SessionPersonSerializer(source="roles", many=True)
    interpretation = serializers.ListField(child=serializers.CharField())

    class Meta:
        model = Session
        fields = [
            "id",
            "slug",
            "title",
            "kind",
            "start",
            "end",
            "room",
            "track",
            "language",
            "interpretation",
            "description",
            "people",
        ]


class SpeakerSerializer(serializers.ModelSerializer):
    display_name = serializers.CharField()
    photo = serializers.SerializerMethodField()

    class Meta:
        model = Speaker
        fields = [
            "id",
            "slug",
            "honorific",
            "name",
            "display_name",
            "title",
            "organisation",
            "bio",
            "photo",
        ]

    @extend_schema_field({"type": "string", "format": "uri", "nullable": True})
    def get_photo(self, speaker):
        if not speaker.photo:
            return None
        return self.context["request"].build_absolute_uri(speaker.photo.url)


class AgendaItemSerializer(serializers.ModelSerializer):
    label = serializers.CharField()
    sessions = serializers.SerializerMethodField()
    documents = serializers.SerializerMethodField()

    class Meta:
        model = AgendaItem
        fields = [
            "id",
            "number",
            "sub_letter",
            "label",
            "title",
            "description",
            "sessions",
            "documents",
        ]

    def get_sessions(self, item) -> list[int]:
        return [session.pk for session in item.sessions.all()]

    def get_documents(self, item) -> list[int]:
        return [document.pk for document in item.documents.all()]


class DocumentFileSerializer(serializers.ModelSerializer):
    """One language version of a document: a file or a link."""

    href = serializers.SerializerMethodField()

    class Meta:
        model = DocumentFile
        fields = ["language", "href"]

    @extend_schema_field({"type": "string", "format": "uri"})
    def get_href(self, version):
        return self.context["request"].build_absolute_uri(version.href)


class DocumentSerializer(serializers.ModelSerializer):
    """A document under its UN symbol, its title in the requested language, and
    a version per language."""

    files = DocumentFileSerializer(many=True)

    class Meta:
        model = Document
        fields = [
            "id",
            "kind",
            "title",
            "symbol",
            "agenda_item",
            "session",
            "files",
            "updated_at",
        ]


class SideEventSessionSerializer(serializers.ModelSerializer):
    room = NamedSerializer(allow_null=True)

    class Meta:
        model = Session
        fields = ["id", "slug", "title", "start", "end", "room"]


class SideEventSerializer(serializers.ModelSerializer):
    session = SideEventSessionSerializer()
    seats_left = serializers.IntegerField()
    eligible_categories = serializers.ListField(child=serializers.CharField())
    eligible_roles = serializers.ListField(child=serializers.CharField())

    class Meta:
        model = SideEvent
        fields = [
            "id",
            "session",
            "organiser",
            "description",
            "access",
            "capacity",
            "seats_taken",
            "seats_left",
            "allow_signup_at_registration",
            "eligible_categories",
            "eligible_roles",
        ]
