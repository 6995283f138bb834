"""Error pages that say what went wrong in words an editor can act on."""

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.shortcuts import render
from django.template.defaultfilters import filesizeformat


def bad_request(request, exception):
    """400, except a request body over DATA_UPLOAD_MAX_MEMORY_SIZE: 413 with the limit in words."""
    if isinstance(exception, RequestDataTooBig):
        limit = filesizeformat(settings.DATA_UPLOAD_MAX_MEMORY_SIZE)
        if getattr(request, "htmx", False):
            # Leave the form and the editor's text where they are; say what happened in the alert region.
            response = render(request, "includes/htmx_alert.html", {"limit": limit}, status=413)
            response["HX-Reswap"] = "none"
            return response
        return render(request, "413.html", {"limit": limit}, status=413)
    return render(request, "400.html", status=400)
