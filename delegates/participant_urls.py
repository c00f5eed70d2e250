from django.urls import path

from . import document_views, participant_views

app_name = "participants"

urlpatterns = [
    path("", participant_views.participant_list, name="list"),
    path("participants.csv", participant_views.participant_csv, name="csv"),
    path("participants.pdf", document_views.participant_list_pdf, name="pdf"),
]
