from django.urls import path

from . import views

urlpatterns = [
    path("meetings/", views.MeetingList.as_view(), name="api-meetings"),
    path(
        "meetings/<slug:meeting_slug>/",
        views.MeetingDetail.as_view(),
        name="api-meeting",
    ),
    path(
        "meetings/<slug:meeting_slug>/rooms/",
        views.RoomList.as_view(),
        name="api-rooms",
    ),
    path(
        "meetings/<slug:meeting_slug>/tracks/",
        views.TrackList.as_view(),
        name="api-tracks",
    ),
    path(
        "meetings/<slug:meeting_slug>/sessions/",
        views.SessionList.as_view(),
        name="api-sessions",
    ),
    path(
        "meetings/<slug:meeting_slug>/people/",
        views.PersonList.as_view(),
        name="api-people",
    ),
    path(
        "meetings/<slug:meeting_slug>/agenda-items/",
        views.AgendaItemList.as_view(),
        name="api-agenda-items",
    ),
    path(
        "meetings/<slug:meeting_slug>/documents/",
        views.DocumentList.as_view(),
        name="api-documents",
    ),
    path(
        "meetings/<slug:meeting_slug>/side-events/",
        views.SideEventList.as_view(),
        name="api-side-events",
    ),
]
