"""What the desk's pages share about htmx: when to answer with a fragment, and how to send the browser on.

Every desk page is one template with named partials (`{% partialdef %}`); a view renders
`"page.html#fragment"` for htmx and the whole page otherwise, so everything works without JavaScript.
"""

from django.shortcuts import redirect
from django_htmx.http import HttpResponseClientRedirect


def wants_fragment(request):
    """htmx swaps a fragment, except when it restores history from the server: then it needs the page."""
    return bool(request.htmx) and not request.htmx.history_restore_request


def page_or_fragment(request, page, fragment):
    """`page#fragment` when htmx swaps a fragment in, else the whole `page`."""
    return f"{page}#{fragment}" if wants_fragment(request) else page


def go_to(request, url):
    """Post/redirect/get; htmx requests get a full-page redirect so the messages show."""
    return HttpResponseClientRedirect(url) if request.htmx else redirect(url)
