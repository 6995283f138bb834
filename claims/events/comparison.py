"""Comparing an event's figures again after an editor merged or split it, as a background task.

A merge brings figures together that were never compared, so new contradictions may appear; a split
separates figures, so open contradictions between claims now in different events no longer hold and
are removed. Contradictions an editor has already settled are left as they are.
"""

from django.db import transaction
from django.db.models import F, Q
from django.tasks import task

from .. import analysis
from ..models import Claim, Contradiction
from ..newsroom.ingest import claims_about
from ..newsroom.mapping import claim_facts, figure_facts


def stale_contradictions(claim_ids):
    """Open contradictions of these claims whose two claims are no longer about the same event."""
    mine = Q(claim_a_id__in=claim_ids) | Q(claim_b_id__in=claim_ids)
    return Contradiction.objects.open().filter(mine).exclude(claim_a__event_record=F("claim_b__event_record"))


@transaction.atomic
def recompare(claim_ids):
    """Run the comparison over these claims again; returns (new contradictions, removed contradictions)."""
    removed, _ = stale_contradictions(claim_ids).delete()
    claims = list(claims_about(Q(pk__in=claim_ids)))
    by_key = {str(c.pk): c for c in claims}
    figures_by_key = {str(f.pk): f for c in claims for f in c.figures.all()}
    found = analysis.detect_contradictions(
        [claim_facts(c) for c in claims], [figure_facts(f) for f in figures_by_key.values()]
    )
    created = 0
    for contradiction in found:
        first, second = (by_key[key] for key in contradiction.claim_keys[:2])
        if first.pk == second.pk or first.article_id == second.article_id:
            continue
        claim_a, claim_b = Contradiction.ordered_pair(first, second)
        figure_for = {
            f.claim_id: f
            for f in (figures_by_key.get(k) for k in contradiction.figure_keys[:2])
            if f is not None
        }
        _, is_new = Contradiction.objects.get_or_create(
            claim_a=claim_a,
            claim_b=claim_b,
            defaults={
                "figure_a": figure_for.get(claim_a.pk),
                "figure_b": figure_for.get(claim_b.pk),
                "kind": contradiction.kind,
                "severity": contradiction.severity,
                "explanation": contradiction.explanation,
            },
        )
        created += is_new
    return created, removed


@task
def recompare_event_claims(*, claim_ids):
    """The task the desk enqueues after a merge or a split."""
    created, removed = recompare([int(pk) for pk in claim_ids])
    return {"created": created, "removed": removed, "claims": len(claim_ids)}


def enqueue_recompare(claim_ids):
    ids = sorted(set(claim_ids))
    if ids and Claim.objects.filter(pk__in=ids).exists():
        recompare_event_claims.enqueue(claim_ids=ids)
