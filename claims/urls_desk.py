from django.urls import path

from .views import desk

app_name = "desk"

urlpatterns = [
    path("", desk.desk_home, name="home"),
]
