"""Response headers every page needs."""

from django.utils.cache import patch_vary_headers


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
