"""Who made a change, for django-simple-history: the one place its private attributes are set.

simple-history reads `_history_user` (and `_change_reason`) from an instance as it saves it, so the
history of claims, verdicts, evidence, contradictions and events names the editor. Plain Python: the
models import it too.
"""


def record_change(instance, by, reason=None):
    """The next save of `instance` is recorded as made by `by`, with `reason` when one is given."""
    instance._history_user = by
    if reason is not None:
        instance._change_reason = reason
    return instance
