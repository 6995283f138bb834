from django.urls import path

from .views import public

urlpatterns = [
    path("", public.home, name="home"),
    path("verdicts/<slug:slug>/", public.verdict_detail, name="verdict_detail"),
    path("sources/", public.source_list, name="source_list"),
    path("sources/<slug:slug>/", public.source_detail, name="source_detail"),
]
