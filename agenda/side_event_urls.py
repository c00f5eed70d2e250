"""Side event addresses: the public page, and a delegate's under their private link."""

from django.urls import path

from . import side_event_views

app_name = "side_events"

urlpatterns = [
    path("side-events/", side_event_views.side_events, name="list"),
    path(
        "register/manage/<str:token>/side-events.ics",
        side_event_views.calendar,
        name="calendar",
    ),
    path(
        "register/manage/<str:token>/side-events/<slug:session_slug>/",
        side_event_views.sign_up,
        name="sign_up",
    ),
    path(
        "register/manage/<str:token>/side-events/<slug:session_slug>/cancel/",
        side_event_views.cancel,
        name="cancel",
    ),
]
