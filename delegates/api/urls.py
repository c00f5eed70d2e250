from django.urls import path

from . import views

urlpatterns = [
    path(
        "meetings/<slug:meeting_slug>/registrations/",
        views.RegistrationList.as_view(),
        name="api-registrations",
    ),
    path(
        "meetings/<slug:meeting_slug>/registrations/<int:registration_id>/",
        views.RegistrationDetail.as_view(),
        name="api-registration",
    ),
    path(
        "meetings/<slug:meeting_slug>/registrations/<int:registration_id>/status/",
        views.RegistrationStatusChange.as_view(),
        name="api-registration-status",
    ),
    path(
        "meetings/<slug:meeting_slug>/delegations/",
        views.DelegationList.as_view(),
        name="api-delegations",
    ),
    path(
        "meetings/<slug:meeting_slug>/check-ins/",
        views.CheckInList.as_view(),
        name="api-check-ins",
    ),
    path(
        "meetings/<slug:meeting_slug>/outbox/",
        views.OutgoingMailList.as_view(),
        name="api-outbox",
    ),
]
