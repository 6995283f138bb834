"""Values as the templates would print them, for markup written in Python (contradiction cards, queue
rows, report charts): auto-escaping, and the `date` filter's formats those use, without the template
engine's per-node work or DateFormat's set-up for every date.
"""

from datetime import date, datetime
from html import escape as _escape

from django.utils import timezone
from django.utils.dateformat import format as format_date
from django.utils.dates import MONTHS_3


def escape(value):
    """What `{{ value }}` prints: markup marked safe as it is, anything else escaped."""
    if hasattr(value, "__html__"):
        return value.__html__()
    return _escape(str(value))


def _month(value):
    return str(MONTHS_3[value.month]).title()  # DateFormat's "M"


def when(value, date_format):
    """`{{ value|date:date_format }}`: aware datetimes in the current time zone; "" for no value."""
    if not value:
        return ""
    if isinstance(value, datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        if date_format == "c":
            return value.isoformat()
        if date_format == "j M Y, H:i":
            return f"{value.day} {_month(value)} {value.year:04d}, {value.hour:02d}:{value.minute:02d}"
    if isinstance(value, date):
        if date_format == "j M Y":
            return f"{value.day} {_month(value)} {value.year:04d}"
        if date_format == "Y-m-d":
            return f"{value.year:04d}-{value.month:02d}-{value.day:02d}"
    return format_date(value, date_format)
