"""The admin's history pages in words: who changed what, with choices by their labels.

django-simple-history's own list shows the raw row: "None" for a change nobody signed in made,
"Change reason None", status codes such as `in_review`, and "Deleted user (pk=None)" for a foreign key
that was simply empty. Its context helper is the one place values are turned into text, so that is
where they are put into words.
"""

from django.db import models
from django.utils import formats
from simple_history.admin import SimpleHistoryAdmin
from simple_history.models import DeletedObject
from simple_history.template_utils import HistoricalRecordContextHelper

EMPTY = "(empty)"
NOBODY = "Not recorded (the analysis, a background task or a script)"


def in_words(field, value):
    """How a person reads one stored value of `field`."""
    if isinstance(value, DeletedObject):
        return EMPTY if value.pk is None else f"a {value.model._meta.verbose_name} since deleted"
    if value is None or value == "":
        return EMPTY
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(field, models.DateTimeField | models.DateField):
        return formats.localize(value)
    return value


class ReadableHistoryContext(HistoricalRecordContextHelper):
    def prepare_delta_change_value(self, change, value):
        value = super().prepare_delta_change_value(change, value)
        return in_words(self.model._meta.get_field(change.field), value)


class ReadableHistoryAdmin(SimpleHistoryAdmin):
    object_history_list_template = "admin/claims/object_history_list.html"

    def get_historical_record_context_helper(self, request, historical_record):
        return ReadableHistoryContext(self.model, historical_record)

    def history_view(self, request, object_id, extra_context=None):
        return super().history_view(request, object_id, {"nobody": NOBODY, **(extra_context or {})})
