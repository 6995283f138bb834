"""Small helpers that make one valid row each, with sensible defaults that any test may override.

Also what a request from htmx carries (`HTMX`), and the reader site's rows: published verdicts with a
speaker, an article and a publisher, and their corrections and withdrawals."""

from datetime import datetime, timedelta
from itertools import count
from zoneinfo import ZoneInfo

from django.contrib.auth.models import Group, User

from claims.models import Article, Claim, ClaimRelay, Contradiction, Evidence, Figure, Source, Verdict

ALMATY = ZoneInfo("Asia/Almaty")
_serial = count(1)
_reader_serial = count(1)  # the reader-site helpers' own, so neither shifts the other's names
UTC = ZoneInfo("UTC")

# The header htmx sends with every request it makes.
HTMX = {"HTTP_HX_REQUEST": "true"}


def _next():
    return next(_serial)


def make_source(name=None, **fields):
    return Source.objects.create(name=name or f"Source {_next()}", **fields)


def make_article(body=None, **fields):
    n = _next()
    fields.setdefault("title", f"Article {n}")
    fields.setdefault("published_at", datetime(2022, 1, 6, 9, 0, tzinfo=ALMATY))
    return Article.objects.create(body=body or f"Article {n}: more than 1,000 people were injured.", **fields)


def make_claim(article=None, text=None, start=0, end=None, **fields):
    article = article or make_article()
    text = text or article.body
    return Claim.objects.create(
        article=article, text=text, start=start, end=end if end is not None else start + len(text), **fields
    )


def make_figure(claim=None, text="more than 1,000", start=0, end=None, **fields):
    claim = claim or make_claim()
    fields.setdefault("measure", "injured")
    fields.setdefault("value", 1000)
    return Figure.objects.create(
        claim=claim, text=text, start=start, end=end if end is not None else start + len(text), **fields
    )


def make_relay(claim, source, position=0):
    return ClaimRelay.objects.create(claim=claim, source=source, position=position)


def make_verdict(claim=None, author=None, **fields):
    """A verdict; with is_published=True, its text is also its published copy (as Verdict.publish makes it)."""
    fields.setdefault("rating", "mostly_true")
    fields.setdefault("headline", f"Verdict {_next()}")
    fields.setdefault("summary", "The figure matches what the ministry said at the time.")
    if not fields.get("is_published"):
        return Verdict.objects.create(claim=claim or make_claim(), author=author, **fields)
    verdict = Verdict(claim=claim or make_claim(), author=author, **fields)
    verdict.copy_draft_to_public(verdict.published_at)
    verdict.save()
    return verdict


def make_evidence(claim=None, source=None, url="https://ministry.example/statement", **fields):
    return Evidence.objects.create(claim=claim or make_claim(), source=source, url=url, **fields)


def make_contradiction(first=None, second=None, **fields):
    first, second = Contradiction.ordered_pair(first or make_claim(), second or make_claim())
    fields.setdefault("kind", Contradiction.Kind.COUNT)
    fields.setdefault("explanation", "The two figures for the injured cannot both be right.")
    return Contradiction.objects.create(claim_a=first, claim_b=second, **fields)


def make_user(username=None, groups=(), password="correct horse battery", **fields):
    user = User.objects.create_user(username=username or f"user{_next()}", password=password, **fields)
    for name in groups:
        user.groups.add(Group.objects.get(name=name))
    return user


def make_editor(username=None, **fields):
    """A member of the Editors group (created by migration 0002); not staff unless asked."""
    return make_user(username, groups=["Editors"], **fields)


def make_admin(username=None, **fields):
    return make_user(username, groups=["Admins"], is_staff=True, **fields)


# --- the reader site: published verdicts and what happens to them -------------------------------------


def make_published_verdict(
    text=None, speaker=None, publisher=None, published_at=None, article=None, **fields
):
    n = next(_reader_serial)
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
    n = next(_reader_serial)
    text = text or f"Draft claim {n}: nearly 500 were killed."
    claim = make_claim(text=text, status=Claim.Status.VERDICT_DRAFTED)
    fields.setdefault("headline", f"Secret draft {n}")
    return make_verdict(claim=claim, **fields)
