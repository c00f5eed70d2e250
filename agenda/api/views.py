"""The meeting and its published programme: read by anyone, without a token."""

from django.db.models import Prefetch
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import generics
from rest_framework.response import Response

from consultation.api.mixins import ConditionalGetMixin, MeetingMixin
from consultation.models import Meeting
from consultation.page_cache.kept_pages import built_once, programme_state_etag

from ..models import Document, DocumentFile, Room, Track
from ..selectors import (
    agenda_items,
    agenda_sessions,
    programme_speakers,
    published_programme,
)
from ..side_events.selectors import side_event_list
from . import serializers


class MeetingList(ConditionalGetMixin, generics.ListAPIView):
    """The published meetings."""

    serializer_class = serializers.MeetingSerializer
    queryset = Meeting.objects.published()


class MeetingDetail(MeetingMixin, ConditionalGetMixin, generics.GenericAPIView):
    """One published meeting."""

    public_meeting = True
    serializer_class = serializers.MeetingSerializer

    def get(self, request, meeting_slug):
        return Response(self.get_serializer(self.meeting).data)


class MeetingRowsList(MeetingMixin, ConditionalGetMixin, generics.ListAPIView):
    public_meeting = True
    model = None

    def get_queryset(self):
        return self.model.objects.filter(meeting=self.meeting)


class RoomList(MeetingRowsList):
    """The meeting's rooms."""

    queryset = Room.objects.none()
    model = Room
    serializer_class = serializers.RoomSerializer


class TrackList(MeetingRowsList):
    """The meeting's tracks."""

    queryset = Track.objects.none()
    model = Track
    serializer_class = serializers.TrackSerializer


class DocumentList(MeetingRowsList):
    """The meeting's published documents."""

    queryset = Document.objects.none()
    serializer_class = serializers.DocumentSerializer

    def get_queryset(self):
        return (
            Document.objects.published()
            .filter(meeting=self.meeting)
            .prefetch_related(
                Prefetch("files", queryset=DocumentFile.objects.order_by("language"))
            )
        )


class ProgrammeList(MeetingMixin, ConditionalGetMixin, generics.GenericAPIView):
    """A list read from the programme's latest published version, whole.

    Not paged: the version is one document, and a page of it could mix two
    versions. ``version`` is null until the first version is published.
    """

    public_meeting = True
    pagination_class = None

    def rows(self, programme):
        raise NotImplementedError

    # What the list shows changes only with the programme's state, so it is built
    # once per state, as the public pages are rendered once; a list that reads
    # rows the state does not cover (seats) builds them for each request.
    reads_live_rows = False

    def get(self, request, meeting_slug):
        if self.reads_live_rows:
            return Response(self.data())
        data, digest = built_once(
            request, state=programme_state_etag(self.meeting), build=self.data
        )
        response = Response(data)
        response.data_digest = digest
        return response

    def data(self):
        programme = published_programme(self.meeting)
        version = programme.version
        return {
            "version": serializers.VersionSerializer(version).data if version else None,
            "results": self.get_serializer(self.rows(programme), many=True).data,
        }


def _programme_response(name, serializer):
    return inline_serializer(
        name=name,
        fields={
            "version": serializers.VersionSerializer(allow_null=True),
            "results": serializer(many=True),
        },
    )


@extend_schema(
    responses=_programme_response("SessionProgramme", serializers.SessionSerializer)
)
class SessionList(ProgrammeList):
    """The sessions of the published programme, in programme order."""

    serializer_class = serializers.SessionSerializer

    def rows(self, programme):
        return agenda_sessions(programme)


@extend_schema(
    responses=_programme_response("PeopleProgramme", serializers.SpeakerSerializer)
)
class PersonList(ProgrammeList):
    """The people who take part in a session of the published programme."""

    serializer_class = serializers.SpeakerSerializer

    def rows(self, programme):
        return programme_speakers(programme)


@extend_schema(
    responses=_programme_response(
        "AgendaItemProgramme", serializers.AgendaItemSerializer
    )
)
class AgendaItemList(ProgrammeList):
    """The agenda, with the published programme's sessions of each item."""

    serializer_class = serializers.AgendaItemSerializer

    def rows(self, programme):
        return agenda_items(programme)


@extend_schema(
    responses=_programme_response("SideEventProgramme", serializers.SideEventSerializer)
)
class SideEventList(ProgrammeList):
    """The side events of the published programme, with seats left (read live)."""

    serializer_class = serializers.SideEventSerializer
    reads_live_rows = True

    def rows(self, programme):
        return side_event_list(programme)
