from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from claims.health import healthz
from claims.public.api import api

urlpatterns = [
    path("", include("claims.public.urls")),
    path("api/", api.urls),
    path("desk/", include("claims.desk.urls")),
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("healthz", healthz, name="healthz"),
    path(settings.ADMIN_PATH, admin.site.urls),
]

# A request body over DATA_UPLOAD_MAX_MEMORY_SIZE gets a 413 page that says the limit, not a bare 400.
handler400 = "claims.errors.bad_request"
