"""Side event addresses: the public page, and a delegate's under their private link."""

from django.urls import path

from . import views

app_name = "side_events"

urlpatterns = [
    path("side-events/", views.side_events, name="list"),
    path(
        "register/manage/<str:token>/side-events.ics",
        views.calendar,
        name="calendar",
    ),
    path(
        "register/manage/<str:token>/side-events/<slug:session_slug>/",
        views.sign_up,
        name="sign_up",
    ),
    path(
        "register/manage/<str:token>/side-events/<slug:session_slug>/cancel/",
        views.cancel,
        name="cancel",
    ),
]
