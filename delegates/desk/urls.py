from django.urls import path

from . import views

app_name = "desk"

urlpatterns = [
    path("", views.desk, name="desk"),
    path("check-in/", views.desk_check_in, name="check_in"),
]
