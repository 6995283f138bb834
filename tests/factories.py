"""Small helpers that make one valid row each, with sensible defaults that any test may override."""

from datetime import datetime
from itertools import count
from zoneinfo import ZoneInfo

from django.contrib.auth.models import Group, User

from claims.models import Article, Claim, ClaimRelay, Contradiction, Evidence, Figure, Source, Verdict

ALMATY = ZoneInfo("Asia/Almaty")
_serial = count(1)


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
