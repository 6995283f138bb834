"""Response headers every page needs."""

from django.conf import settings
from django.utils.cache import patch_cache_control, patch_vary_headers


class VaryOnHtmxMiddleware:
    """`Vary: HX-Request` on every response.

    Many URLs answer an htmx request with a fragment and a plain request with the whole page; a cache
    (the browser's included) that ignored the header could hand a fragment to a full page load.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        patch_vary_headers(response, ("HX-Request",))
        return response


class PrivacyHeadersMiddleware:
    """`Permissions-Policy` on every response, and `Cache-Control: private, no-store` on every response
    to a signed-in person.

    The site uses no camera, microphone, location or other powerful feature, so the policy turns them all
    off (an injected iframe or script could not ask for them). A signed-in page holds desk work and the
    person's name: no shared cache may keep it, nor the browser's disk cache after logging out. It sits
    first, so responses WhiteNoise answers (static files) get the policy too; those have no user.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.permissions_policy = ", ".join(
            f"{feature}=({' '.join(allowed)})" for feature, allowed in settings.PERMISSIONS_POLICY.items()
        )

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", self.permissions_policy)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            patch_cache_control(response, private=True, no_store=True)
        return response
