"""Template pieces of the inflow: the live-poll attributes, who else has a claim open, what arrived."""

import json

from django import template
from django.conf import settings
from django.utils.html import format_html

from ..inflow.live import heartbeat, poll_etag
from ..inflow.models import DeskVisit, Tip

register = template.Library()


@register.simple_tag(takes_context=True)
def desk_live(context, element_id, url=None):
    """Attributes that make an element re-fetch itself every DESK_POLL_SECONDS with its ETag.

    static/js/desk_live.js sends the ETag, skips a poll while the tab is hidden or while a form inside is
    focused or half-written, and leaves the element alone on a 304.
    """
    request = context["request"]
    # Without a URL the element polls the page it is on, at the address the browser shows now (filters
    # change it without a reload), and takes the fragment that page's view gives htmx as its content.
    # With one, the URL answers the element itself.
    here = url is None
    url = url or request.get_full_path()
    return format_html(
        'id="{}" hx-get="{}" hx-trigger="every {}s" hx-swap="{}" hx-headers=\'{}\' data-desk-live{} data-etag="{}"',
        element_id,
        url,
        f"{settings.DESK_POLL_SECONDS:g}",
        "innerHTML" if here else "outerHTML",
        json.dumps({"X-Desk-Poll": "1"}),
        " data-desk-live-here" if here else "",
        poll_etag(request, url),
    )


@register.inclusion_tag("desk/inflow/presence.html", takes_context=True)
def claim_presence(context, claim):
    """Opening the claim is the first heartbeat, so the page says at once who else has it open (and
    makes no request of its own for that); the page then beats every 20 seconds."""
    request = context["request"]
    return {"claim": claim, "request": request, "others": heartbeat(claim.pk, request.user)}


@register.inclusion_tag("desk/inflow/home_summary.html", takes_context=True)
def inflow_summary(context):
    user = context["request"].user
    return {
        "new_feed_articles": DeskVisit.new_feed_articles(user),
        "open_tips": Tip.objects.open().leads().count(),
    }
