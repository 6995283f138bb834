"""Helpers for the reader-site tests: published verdicts with a speaker, an article and a publisher."""

from datetime import datetime, timedelta
from itertools import count
from zoneinfo import ZoneInfo

from claims.models import Claim, Source
from tests.factories import make_article, make_claim, make_source, make_verdict

UTC = ZoneInfo("UTC")
_serial = count(1)


def make_published_verdict(
    text=None, speaker=None, publisher=None, published_at=None, article=None, **fields
):
    n = next(_serial)
    text = text or f"More than {n},000 people were injured in the clashes, the ministry said."
    if article is None:
        article = make_article(
            body=f"{text} Article body {n}.",
            url=f"https://news.example/{n}",
            publisher=publisher or make_source(f"Outlet {n}"),
        )
    claim = make_claim(article=article, text=text, start=0, end=len(text), status=Claim.Status.PUBLISHED)
    if speaker is not False:
        claim.speaker = speaker or make_source(f"Minister {n}", kind=Source.Kind.PERSON)
        claim.speaker_role = "interior minister"
        claim.save()
    fields.setdefault("headline", f"Injury count {n} holds up")
    return make_verdict(
        claim=claim,
        is_published=True,
        published_at=published_at or datetime(2026, 1, 1, tzinfo=UTC) + timedelta(hours=n),
        **fields,
    )


def reopen_and_edit(verdict, by=None, **changes):
    """Reopen a published verdict's claim for review and save a new draft, as the desk does."""
    verdict.claim.move_to(Claim.Status.IN_REVIEW, by=by)
    return verdict.save_edit(verdict.version, by=by, **changes)


def republish(verdict, reason, by=None, **changes):
    """Correct a published verdict the way the desk does: reopen, edit the draft, publish again."""
    reopen_and_edit(verdict, by=by, **changes)
    verdict.publish(by=by, reason=reason)
    return verdict


def withdraw(verdict, reason, by=None):
    """Take a published verdict down the way the desk does: reopen its claim, then dismiss it."""
    verdict.claim.move_to(Claim.Status.IN_REVIEW, by=by)
    verdict.claim.dismiss(by=by, reason=reason)
    return verdict


def make_draft_verdict(text=None, **fields):
    n = next(_serial)
    text = text or f"Draft claim {n}: nearly 500 were killed."
    claim = make_claim(text=text, status=Claim.Status.VERDICT_DRAFTED)
    fields.setdefault("headline", f"Secret draft {n}")
    return make_verdict(claim=claim, **fields)
