from django.urls import path

from . import participant_views

app_name = "participants"

urlpatterns = [
    path("", participant_views.participant_list, name="list"),
    path("participants.csv", participant_views.participant_csv, name="csv"),
]
