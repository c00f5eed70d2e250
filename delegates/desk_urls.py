from django.urls import path

from . import desk_views

app_name = "desk"

urlpatterns = [
    path("", desk_views.desk, name="desk"),
    path("check-in/", desk_views.desk_check_in, name="check_in"),
]
