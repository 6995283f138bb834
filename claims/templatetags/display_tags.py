"""Template helpers that turn stored values into what a person reads: dates in words, figures in words."""

import re
from datetime import date

from django import template
from django.utils.dateformat import format as format_date
from django.utils.safestring import mark_safe

from claims.display import escape
from claims.reporting.markup import chart_html

register = template.Library()

ISO_DATE = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")


def _in_words(match):
    try:
        day = date(*(int(part) for part in match.groups()))
    except ValueError:
        return match.group(0)
    return format_date(day, "j M Y")


@register.filter
def readable_dates(text):
    """'as of 2022-01-06' → 'as of 6 Jan 2022': explanations stored before the analysis wrote dates in words."""
    return ISO_DATE.sub(_in_words, str(text or ""))


@register.filter
def figure_words(figure):
    """A figure's bounds as a reporter would say them: "12", "24 to 99", "more than 100"; "" without a number."""
    return figure.amount_words


@register.simple_tag
def report_chart(series, own_indexes=(), number=1, event_name=""):
    """`{% report_chart series own_indexes forloop.counter %}`: a "how this figure was reported" chart
    (claims/reporting/markup.py); `number` keeps its element ids apart from the page's other charts."""
    return chart_html(series, own_indexes, str(int(number)), event_name)


@register.filter
def option_values(values):
    """`<datalist>{{ names|option_values }}</datalist>`: an `<option value="…">` per value, written at
    once (a datalist of the newsroom's 250 sources was 250 template nodes on every workspace)."""
    return mark_safe("".join(f'<option value="{escape(value)}"></option>' for value in values))  # noqa: S308
