"""Template helpers for the reader site: JSON-LD blocks, event labels, safe links."""

import json

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from claims.analysis.events import describe_event

register = template.Library()

# The escapes json_script uses, so a "</script>" inside a quoted claim cannot end the block early.
JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.filter
def ld_json(value, element_id):
    """`{{ data|ld_json:"claimreview" }}`: json_script's escaping, with the JSON-LD media type."""
    encoded = json.dumps(value, ensure_ascii=False, sort_keys=False).translate(JSON_SCRIPT_ESCAPES)
    return format_html(
        '<script id="{}" type="application/ld+json">{}</script>', element_id, mark_safe(encoded)
    )


@register.filter
def event_label(key):
    """'unrest@almaty' → 'Unrest in Almaty'."""
    return describe_event(key)


@register.filter
def web_url(url):
    """The URL if it is an http(s) address, else "": a stored `javascript:` URL never becomes a link."""
    url = str(url or "").strip()
    return url if url.lower().startswith(("https://", "http://")) else ""


@register.filter
def sides(contradiction):
    """The two (claim, figure) pairs of a contradiction, for listing them alike."""
    return [(contradiction.claim_a, contradiction.figure_a), (contradiction.claim_b, contradiction.figure_b)]


@register.filter
def marking(items, indexes):
    """`{% for point, own in points|marking:own_indexes %}`: each item with whether its index is one of
    `indexes` (a chart's points of this claim), asked once per item rather than at every use."""
    indexes = set(indexes or ())
    return [(item, i in indexes) for i, item in enumerate(items)]
