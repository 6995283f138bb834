"""History, for both sites: who made a change, and each historical record beside the one before it.

simple-history reads `_history_user` (and `_change_reason`) from an instance as it saves it, so the
history of claims, verdicts, evidence, contradictions and events names the editor: `record_change` is
the one place they are set. `with_previous` is the one walk through historical records that the
desk's history (claims/desk/workspace/queries.py) and the public changelog (claims/public/claimreview.py)
diff. Plain Python: the models import it too.
"""


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
