"""Every kind of event the analysis can name has a record kind and a window for matching reports."""

from claims.analysis.events import EVENT_FAMILY, EVENT_KINDS
from claims.events.keys import KNOWN_KINDS
from claims.events.models import EventKind


def test_every_family_the_analysis_names_is_a_kind_of_event_record():
    families = {EVENT_FAMILY.get(kind, kind) for kind in EVENT_KINDS}
    assert families <= set(EventKind.values)
    assert families <= KNOWN_KINDS
