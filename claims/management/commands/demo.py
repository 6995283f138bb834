"""Load a demo newsroom: the Kazakhstan unrest of January 2022, editors, and claims in every status.

Safe to run again: it adds what is missing and never deletes or undoes anything. Only claims that are
still new are moved, so an editor's work on the demo survives a re-run. Articles go in through the same
ingest service as the desk, so the analysis finds the claims, figures and contradictions.
"""

import os
import secrets
import tomllib
from datetime import date, datetime
from pathlib import Path

from django.conf import settings
from django.contrib.auth.models import Group, User
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.db.models import Count, Q

from claims.analysis.documents import ArticleError, read_article
from claims.history import record_change
from claims.models import Article, Claim, Contradiction, Evidence, Figure, Source, Verdict
from claims.newsroom.evidence import add_evidence
from claims.newsroom.ingest import find_or_create_source, ingest_record

DEMO_DIR = Path(__file__).resolve().parents[2] / "demo"
ARTICLES_DIR = DEMO_DIR / "articles"
NEWSROOM_FILE = DEMO_DIR / "newsroom.toml"


def load_newsroom(path=NEWSROOM_FILE):
    """The demo's sources, users, event and workflow (claims/demo/newsroom.toml)."""
    with path.open("rb") as file:
        return tomllib.load(file)


class Command(BaseCommand):
    help = "Load a demo newsroom (Kazakhstan, January 2022) with editors and claims in every status."

    def add_arguments(self, parser):
        parser.add_argument(
            "--password", help="Password for the demo users (else $DEMO_PASSWORD, else generated)."
        )
        parser.add_argument("--force", action="store_true", help="Run even with DEBUG off.")

    def handle(self, *args, password=None, force=False, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "DEBUG is off and the demo creates accounts with known passwords; --force runs it anyway."
            )
        password = password or os.environ.get("DEMO_PASSWORD") or None
        newsroom = load_newsroom()
        with transaction.atomic():
            for spec in newsroom["sources"]:
                ensure_source(spec)
            users, password_set = ensure_users(newsroom["users"], password)
            paths = sorted(ARTICLES_DIR.glob("*.md"))
            articles = [ingest_demo_article(path, by=users["admin"]) for path in paths]
            moved = stage_workflow(articles, users, newsroom["workflow"])
            review_event(articles, users, newsroom["event"])
        roles = {user["username"]: user["role"] for user in newsroom["users"]}
        self.print_summary(password_set, generated=not password, moved=moved, roles=roles)

    def print_summary(self, password_set, generated, moved, roles):
        out = self.stdout.write
        site = settings.SITE_URL
        out(self.style.SUCCESS("Demo newsroom ready: coverage of the unrest in Kazakhstan, January 2022."))
        out(
            f"  The database holds {Article.objects.count()} articles from {Source.objects.count()} sources"
            f" (outlets, officials and bodies), with {Claim.objects.count()} claims the analysis found in them"
            f" and {Figure.objects.count()} figures read from those claims."
        )
        out(
            f"  Editors have {Contradiction.objects.open().count()} open contradictions to look at,"
            f" {Evidence.objects.count()} pieces of evidence on file"
            f" and {Verdict.objects.published().count()} verdicts published for readers."
        )
        if moved:
            out(f"  This run moved {moved} claims along the review workflow, so every status has an example.")
        else:
            out("  No claim needed moving: an earlier run staged them, and editors' changes are kept.")
        if password_set:
            out(f"  Sign in at {site}/accounts/login/ as:")
            for username, password in password_set.items():
                out(f"    {username} / {password}   ({roles[username]})")
            if generated:
                out(
                    "  The password was generated and is shown only now; pass --password or set DEMO_PASSWORD."
                )
        else:
            out("  Sign in as admin, editor or editor2: the users already existed and keep their passwords.")
        out(f"  Readers' site: {site}/   editors' desk: {site}/desk/   admin: {site}/{settings.ADMIN_PATH}")


# --- sources and users ---------------------------------------------------------------------------------


def ensure_source(spec):
    """The source for `spec` (a [[sources]] entry), found or created by the ingest's rules; what the spec
    says fills in only what the source leaves blank, so an admin's edits survive a second run."""
    source = find_or_create_source(spec["name"], spec["kind"])
    parent = find_or_create_source(spec["parent"], Source.Kind.OUTLET) if spec.get("parent") else None
    wanted = {
        "parent": parent if parent and source.parent_id is None and parent.pk != source.pk else None,
        "homepage": spec.get("homepage", "") if not source.homepage else "",
        "reliability": spec.get("reliability", "")
        if source.reliability == Source.Reliability.UNRATED
        else "",
    }
    changed = [name for name, value in wanted.items() if value]
    for name in changed:
        setattr(source, name, wanted[name])
    if changed:
        source.save(update_fields=changed)
    for alias in spec.get("aliases", []):
        source.add_alias(alias)
    return source


def ensure_users(specs, password):
    """The demo users by name, and the passwords set this run (new users, or all when one is given)."""
    generated = secrets.token_urlsafe(12)
    users, password_set = {}, {}
    for spec in specs:
        username = spec["username"]
        user, created = User.objects.get_or_create(
            username=username,
            defaults={
                "is_staff": spec.get("is_staff", False),
                "is_superuser": spec.get("is_superuser", False),
                "email": f"{username}@newsroom.example",
            },
        )
        if created or password:
            user.set_password(password or generated)
            user.save()
            password_set[username] = password or generated
        user.groups.add(Group.objects.get(name=spec["group"]))
        users[username] = user
    return users, password_set


# --- articles ------------------------------------------------------------------------------------------


def ingest_demo_article(path, by):
    try:
        article = read_article(path)
    except ArticleError as error:
        raise CommandError(str(error)) from None
    published = article.published
    if isinstance(published, date) and not isinstance(published, datetime):
        raise CommandError(f"{path.name}: give `published` a time and an offset, not just a date.")
    result = ingest_record(article, by=by)
    return result.article


# --- the event page ------------------------------------------------------------------------------------


def review_event(articles, users, spec):
    """One reviewed, public event for the demo's unrest (the [event] entry): the analysis's proposals for it
    merged into the one most claims point to. Left alone once it is reviewed."""
    from claims.events.models import Event

    editor = users[spec["editor"]]
    proposed = list(
        Event.objects.filter(claims__article__in=articles, kind=spec["kind"])
        .annotate(claim_count=Count("claims"))
        .order_by("-claim_count", "pk")
    )
    if not proposed:
        return None
    survivor = next((e for e in proposed if e.is_reviewed), proposed[0])
    if survivor.is_reviewed:
        return survivor
    survivor.merge(proposed[1:], by=editor)
    survivor.name = spec["name"]
    survivor.slug = spec["slug"]
    survivor.place = spec["place"]
    survivor.start_date, survivor.end_date = spec["start_date"], spec["end_date"]
    survivor.summary = spec["summary"]
    survivor.is_reviewed = True
    record_change(survivor, editor)
    survivor.save()
    for figure in spec.get("retracted", []):
        Figure.objects.filter(
            event_record=survivor, measure=figure["measure"], low=figure["value"], high=figure["value"]
        ).update(retracted_on=figure["on"])
    return survivor


# --- the workflow: claims in every status --------------------------------------------------------------


def pick_claim(claims, *words, taken=()):
    """The most check-worthy body sentence mentioning every word; the same claim on every run."""
    query = claims.exclude(pk__in=[c.pk for c in taken])
    for word in words:
        query = query.filter(text__icontains=word)
    return query.order_by("is_headline", "-checkworthiness", "pk").first()


def take_claim(claims, step, taken):
    """The claim a [[workflow]] step is about (see newsroom.toml), counted as taken whatever its status."""
    if step.get("least_checkworthy"):
        return claims.exclude(pk__in=[c.pk for c in taken]).order_by("checkworthiness", "pk").first()
    claim = None
    if step.get("among") == "contradicted":
        contradicted = claims.filter(
            Q(contradictions_as_a__isnull=False) | Q(contradictions_as_b__isnull=False)
        ).distinct()
        claim = pick_claim(contradicted, *step["words"], taken=taken)
    claim = claim or pick_claim(claims, *step["words"], taken=taken)
    if claim is not None:
        taken.append(claim)
    return claim


def stage_workflow(articles, users, steps):
    """Give the demo claims a status each, touching only claims that are still new. Returns how many moved."""
    claims = Claim.objects.filter(article__in=articles).select_related("article")
    taken, moved = [], 0
    for step in steps:
        claim = take_claim(claims, step, taken)
        if claim is None or claim.status != Claim.Status.NEW:
            continue
        editor = users[step["editor"]]
        if step["action"] in ("publish", "draft"):
            # A claim reopened after dismissal may already carry a verdict; leave it to its editor.
            if Verdict.objects.filter(claim=claim).exists():
                continue
            write_verdict(claim, editor, step)
        elif step["action"] == "review":
            claim.start_review(by=editor)
        elif step["action"] == "dismiss":
            claim.dismiss(by=editor)
        else:
            raise CommandError(f"newsroom.toml: unknown workflow action {step['action']!r}")
        moved += 1
    return moved


def write_verdict(claim, editor, step):
    """A verdict with its evidence, recorded through the desk's evidence service; published for
    `action = "publish"`, left as a draft otherwise."""
    claim.start_review(by=editor)
    verdict = Verdict.objects.create(
        claim=claim,
        author=editor,
        rating=step["rating"],
        headline=step["headline"],
        summary=step["summary"],
        explanation=step["explanation"],
    )
    for item in step.get("evidence", []):
        add_evidence(
            claim,
            source_name=item["source"],
            url=item["url"],
            quote=item["quote"],
            stance=item["stance"],
            by=editor,
        )
    if step["action"] == "publish":
        verdict.publish(by=editor)
    else:
        claim.move_to(Claim.Status.VERDICT_DRAFTED, by=editor)
    return verdict
