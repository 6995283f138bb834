"""History, for both sites: who made a change, and each historical record beside the one before it.

simple-history reads `_history_user` (and `_change_reason`) from an instance as it saves it, so the
history of claims, verdicts, evidence, contradictions and events names the editor: `record_change` is
the one place they are set. `with_previous` and `changed_fields` are the one walk through historical
records, and the one diff, that the desk's history (claims/desk/workspace/queries.py) and the public
changelog (claims/public/claimreview.py) show. Plain Python: the models import it too.
"""

from typing import NamedTuple


class FieldDiff(NamedTuple):
    field: str
    old: object
    new: object


def record_change(instance, by, reason=None):
    """The next save of `instance` is recorded as made by `by`, with `reason` when one is given."""
    instance._history_user = by
    if reason is not None:
        instance._change_reason = reason
    return instance


def with_previous(records):
    """(record, the same object's previous record or None) for historical records of one object or
    several, oldest first."""
    previous = {}
    for record in sorted(records, key=lambda r: (r.history_date, r.history_id)):
        yield record, previous.get(record.id)
        previous[record.id] = record


def changed_fields(record, previous, names=None, hidden=()):
    """The fields that differ from `previous` to `record` (two historical records of one object), in the
    model's order: `names` when given, else every field an editor can edit, less `hidden`. A foreign key
    compares and reports its id, so a diff costs no query."""
    fields = record.tracked_fields  # simple-history: the fields it records, in the model's order
    if names is None:
        fields = [f for f in fields if f.editable and f.name not in hidden]
    else:
        fields = [f for f in fields if f.name in names]
    diffs = []
    for field in fields:
        old, new = getattr(previous, field.attname), getattr(record, field.attname)
        if old != new:
            diffs.append(FieldDiff(field.name, old, new))
    return diffs
