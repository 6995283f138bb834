"""Load a demo newsroom: the Kazakhstan unrest of January 2022, editors, and claims in every status.

Safe to run again: it adds what is missing and never deletes or undoes anything. Only claims that are
still new are moved, so an editor's work on the demo survives a re-run. Articles go in through the same
ingest service as the desk, so the analysis finds the claims, figures and contradictions.
"""

import os
import secrets
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from django.conf import settings
from django.contrib.auth.models import Group, User
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.db.models import Count, Q

from claims.analysis.documents import ArticleError, read_article
from claims.history import record_change
from claims.models import Article, Claim, Contradiction, Evidence, Figure, Rating, Source, Verdict
from claims.newsroom.ingest import ingest_article

ARTICLES_DIR = Path(__file__).resolve().parents[2] / "demo_articles"

Kind = Source.Kind


@dataclass
class DemoSource:
    name: str
    kind: str
    parent: str = ""
    aliases: list[str] = field(default_factory=list)
    homepage: str = ""
    reliability: str = Source.Reliability.UNRATED


# Parents come before their children. The outlets are invented; the agencies, bodies and people are real.
SOURCES = [
    DemoSource("Steppe Courier", Kind.OUTLET, homepage="https://steppecourier.example/"),
    DemoSource("Tien Shan Times", Kind.OUTLET, homepage="https://tienshantimes.example/"),
    DemoSource("Caspian Ledger", Kind.OUTLET, homepage="https://caspianledger.example/"),
    DemoSource("Orda Monitor", Kind.OUTLET, homepage="https://ordamonitor.example/"),
    DemoSource("Kazakh Herald", Kind.OUTLET, homepage="https://kazakhherald.example/"),
    DemoSource(
        "Interfax", Kind.AGENCY, aliases=["Interfax news agency"], reliability=Source.Reliability.MIXED
    ),
    DemoSource(
        "TASS", Kind.AGENCY, aliases=["ТАСС", "TASS news agency"], reliability=Source.Reliability.MIXED
    ),
    # "Khabar-24" needs no alias: it normalises to the same key as "Khabar 24".
    DemoSource("Khabar 24", Kind.BROADCASTER, aliases=["Хабар 24", "Khabar 24 TV channel"]),
    DemoSource(
        "Almaty City Police Department", Kind.OFFICIAL_BODY, aliases=["Almaty police", "Almaty city police"]
    ),
    DemoSource(
        "Ministry of Health of Kazakhstan",
        Kind.OFFICIAL_BODY,
        aliases=["health ministry", "Kazakh health ministry", "Ministry of Healthcare"],
    ),
    DemoSource(
        "Ministry of Internal Affairs of Kazakhstan", Kind.OFFICIAL_BODY, aliases=["interior ministry"]
    ),
    DemoSource(
        "Ministry of Information and Social Development", Kind.OFFICIAL_BODY, aliases=["information ministry"]
    ),
    DemoSource(
        "Prosecutor General's Office of Kazakhstan",
        Kind.OFFICIAL_BODY,
        aliases=["prosecutor general's office", "Kazakhstan's prosecutor general's office"],
    ),
    DemoSource(
        "Collective Security Treaty Organization",
        Kind.ORGANISATION,
        aliases=["CSTO", "Russian-led Collective Security Treaty Organization"],
    ),
    DemoSource("Saltanat Azirbek", Kind.PERSON, parent="Almaty City Police Department", aliases=["Azirbek"]),
    DemoSource(
        "Azhar Giniyat", Kind.PERSON, parent="Ministry of Health of Kazakhstan", aliases=["Ajar Guiniat"]
    ),
    DemoSource("Kassym-Jomart Tokayev", Kind.PERSON, aliases=["Tokayev", "Qasym-Jomart Toqayev"]),
]

USERS = [
    # username, group, is_staff, is_superuser
    ("admin", "Admins", True, True),
    ("editor", "Editors", False, False),
    ("editor2", "Editors", False, False),
]
ROLE_NAMES = {
    "admin": "administrator: the admin site and the desk",
    "editor": "editor: the desk",
    "editor2": "a second editor, to try assigning claims",
}

URLS = {
    "steppe": "https://steppecourier.example/2022/01/06/almaty-dozens-killed",
    "tien_shan": "https://tienshantimes.example/news/2022-01-09/kazakhstan-164-killed",
    "caspian": "https://caspianledger.example/2022/01/11/detentions-troops-leave",
    "orda": "https://ordamonitor.example/2022/01/15/death-toll-225",
}

TOLL_164_EXPLANATION = """\
The figure of **164 dead** did appear on official channels on Sunday 9 January, attributed to the
health ministry, and Khabar 24 broadcast it. It did not stand:

1. On 10 January the information ministry said the figure had been published by mistake and
   withdrew it.
2. On 15 January the prosecutor general's office put the toll at **225**, including 19 police
   officers and soldiers.

So the report is accurate about what was said on Sunday, but the number itself was never confirmed,
and the final count was higher. Readers who saw only "164" were given a toll that officials
themselves disowned a day later.
"""

OFFICERS_EXPLANATION = """\
The interior ministry's first count, given on 6 January, was **12 officers killed and
353 injured**, and that is what the article reports.

The count grew as the unrest went on: by 15 January the prosecutor general's office said that 19 of
the 225 dead were police officers or soldiers. The article gives the figure as it stood when it was
written, and says whose figure it is.
"""

DETENTIONS_EXPLANATION = """\
The interior ministry's running count of detentions rose from about 5,800 (9 January) to 7,939
(10 January) and nearly 10,000 (11 January). The article reports the latest of these.

*Still to check:* how many of those detained were released without charge.
"""


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
        with transaction.atomic():
            for spec in SOURCES:
                ensure_source(spec)
            users, password_set = ensure_users(password)
            paths = sorted(ARTICLES_DIR.glob("*.md"))
            articles = [ingest_demo_article(path, by=users["admin"]) for path in paths]
            moved = stage_workflow(articles, users)
            review_event(articles, users["editor"])
        self.print_summary(password_set, generated=not password, moved=moved)

    def print_summary(self, password_set, generated, moved):
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
                out(f"    {username} / {password}   ({ROLE_NAMES[username]})")
            if generated:
                out(
                    "  The password was generated and is shown only now; pass --password or set DEMO_PASSWORD."
                )
        else:
            out("  Sign in as admin, editor or editor2: the users already existed and keep their passwords.")
        out(f"  Readers' site: {site}/   editors' desk: {site}/desk/   admin: {site}/{settings.ADMIN_PATH}")


# --- sources and users ---------------------------------------------------------------------------------


def ensure_source(spec):
    """The source for `spec`, created if missing; an existing one only has its blanks filled in."""
    source = Source.objects.matching(spec.name).first()
    parent = Source.objects.matching(spec.parent).first() if spec.parent else None
    if source is None:
        source = Source.objects.create(
            name=spec.name,
            kind=spec.kind,
            parent=parent,
            homepage=spec.homepage,
            reliability=spec.reliability,
        )
    else:
        changed = []
        if parent and source.parent_id is None and parent.pk != source.pk:
            source.parent, changed = parent, [*changed, "parent"]
        if spec.homepage and not source.homepage:
            source.homepage, changed = spec.homepage, [*changed, "homepage"]
        if changed:
            source.save(update_fields=changed)
    for alias in spec.aliases:
        source.add_alias(alias)
    return source


def ensure_users(password):
    """The demo users by name, and the passwords set this run (new users, or all when one is given)."""
    generated = secrets.token_urlsafe(12)
    users, password_set = {}, {}
    for username, group, is_staff, is_superuser in USERS:
        user, created = User.objects.get_or_create(
            username=username,
            defaults={
                "is_staff": is_staff,
                "is_superuser": is_superuser,
                "email": f"{username}@newsroom.example",
            },
        )
        if created or password:
            user.set_password(password or generated)
            user.save()
            password_set[username] = password or generated
        user.groups.add(Group.objects.get(name=group))
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
    result = ingest_article(
        article.body,
        title=article.title or "",
        publisher=article.publisher or "",
        published_at=published,
        url=article.url or "",
        by=by,
    )
    return result.article


# --- the event page ------------------------------------------------------------------------------------

EVENT_SLUG = "kazakhstan-unrest-january-2022"
EVENT_SUMMARY = (
    "Protests over the price of fuel began in the west of Kazakhstan on 2 January 2022 and spread to Almaty, "
    "where government buildings were stormed and set on fire. Troops of the Russian-led CSTO were called in; "
    "officials gave changing tolls of the dead, injured and detained over the following ten days."
)


def review_event(articles, editor):
    """One reviewed, public event for the demo's unrest: the analysis's proposals for it merged into the one
    most claims point to, named and dated as an editor would. Left alone once it is reviewed."""
    from claims.events.models import Event

    proposed = list(
        Event.objects.filter(claims__article__in=articles, kind="unrest")
        .annotate(claim_count=Count("claims"))
        .order_by("-claim_count", "pk")
    )
    if not proposed:
        return None
    survivor = next((e for e in proposed if e.is_reviewed), proposed[0])
    if survivor.is_reviewed:
        return survivor
    survivor.merge(proposed[1:], by=editor)
    survivor.name = "Unrest in Kazakhstan, January 2022"
    survivor.slug = EVENT_SLUG
    survivor.place = "Kazakhstan"
    survivor.start_date, survivor.end_date = date(2022, 1, 2), date(2022, 1, 15)
    survivor.summary = EVENT_SUMMARY
    survivor.is_reviewed = True
    record_change(survivor, editor)
    survivor.save()
    # The information ministry withdrew the toll of 164 on 10 January: the page marks it.
    Figure.objects.filter(event_record=survivor, measure="killed", low=164, high=164).update(
        retracted_on=date(2022, 1, 10)
    )
    return survivor


# --- the workflow: claims in every status --------------------------------------------------------------


def pick_claim(claims, *words, taken=()):
    """The most check-worthy body sentence mentioning every word; the same claim on every run."""
    query = claims.exclude(pk__in=[c.pk for c in taken])
    for word in words:
        query = query.filter(text__icontains=word)
    return query.order_by("is_headline", "-checkworthiness", "pk").first()


def stage_workflow(articles, users):
    """Give the demo claims a status each, touching only claims that are still new. Returns how many moved."""
    editor, editor2 = users["editor"], users["editor2"]
    claims = Claim.objects.filter(article__in=articles).select_related("article")
    taken = []

    def take(*words, among=claims):
        claim = pick_claim(among, *words, taken=taken)
        if claim is not None:
            taken.append(claim)
        return claim

    def still_new(claim):
        return claim is not None and claim.status == Claim.Status.NEW

    def free_for_verdict(claim):
        # A claim reopened after dismissal may already carry a verdict; leave it to its editor.
        return still_new(claim) and not Verdict.objects.filter(claim=claim).exists()

    moved = 0
    toll = take("164", "killed")
    if free_for_verdict(toll):
        publish_with_evidence(
            toll,
            editor,
            rating=Rating.MISLEADING,
            headline="The 164 toll was broadcast, then disowned, then overtaken",
            summary=(
                "Officials did put the dead at 164 on 9 January, but withdrew the figure a day later "
                "as an error; prosecutors later counted 225 dead."
            ),
            explanation=TOLL_164_EXPLANATION,
            evidence=[
                (
                    "Ministry of Information and Social Development",
                    URLS["caspian"],
                    "the information ministry said the figure had been published by mistake",
                    Evidence.Stance.REFUTES,
                ),
                (
                    "Prosecutor General's Office of Kazakhstan",
                    URLS["orda"],
                    "The bodies of 225 people killed during the January unrest have been brought to morgues",
                    Evidence.Stance.CONTEXT,
                ),
                (
                    "Khabar 24",
                    URLS["tien_shan"],
                    "Khabar 24, the state broadcaster, reported on Sunday, citing the health ministry",
                    Evidence.Stance.SUPPORTS,
                ),
            ],
        )
        moved += 1
    officers = take("officers", "353")
    if free_for_verdict(officers):
        publish_with_evidence(
            officers,
            editor2,
            rating=Rating.MOSTLY_TRUE,
            headline="Twelve officers dead was the interior ministry's first count",
            summary=(
                "The article gives the interior ministry's figure of 6 January correctly; "
                "the count of officers killed rose later."
            ),
            explanation=OFFICERS_EXPLANATION,
            evidence=[
                (
                    "Ministry of Internal Affairs of Kazakhstan",
                    URLS["steppe"],
                    "Twelve police and security officers were killed and 353 were injured",
                    Evidence.Stance.SUPPORTS,
                ),
                (
                    "Prosecutor General's Office of Kazakhstan",
                    URLS["orda"],
                    "Nineteen of the dead were police officers or soldiers",
                    Evidence.Stance.CONTEXT,
                ),
            ],
        )
        moved += 1
    detained = take("detained", "10,000")
    if free_for_verdict(detained):
        detained.start_review(by=editor)
        Verdict.objects.create(
            claim=detained,
            rating=Rating.TRUE,
            headline="Detentions did approach 10,000 by 11 January",
            summary="The interior ministry's own running count reached nearly 10,000 on 11 January.",
            explanation=DETENTIONS_EXPLANATION,
            author=editor,
        )
        add_evidence(
            detained,
            editor,
            [
                (
                    "Ministry of Internal Affairs of Kazakhstan",
                    URLS["tien_shan"],
                    "about 5,800 people had been detained",
                    Evidence.Stance.CONTEXT,
                ),
            ],
        )
        detained.move_to(Claim.Status.VERDICT_DRAFTED, by=editor)
        moved += 1
    # An injured count the analysis found contradicted: in review, its contradiction left open.
    contradicted = claims.filter(
        Q(contradictions_as_a__isnull=False) | Q(contradictions_as_b__isnull=False)
    ).distinct()
    injured = take("injured", among=contradicted) or take("injured")
    if still_new(injured):
        injured.start_review(by=editor)
        moved += 1
    # The least check-worthy sentence: nothing to check.
    remaining = claims.exclude(pk__in=[c.pk for c in taken]).order_by("checkworthiness", "pk").first()
    if still_new(remaining):
        remaining.dismiss(by=editor2)
        moved += 1
    return moved


def publish_with_evidence(claim, author, *, evidence, **verdict_fields):
    claim.start_review(by=author)
    verdict = Verdict.objects.create(claim=claim, author=author, **verdict_fields)
    add_evidence(claim, author, evidence)
    verdict.publish(by=author)
    return verdict


def add_evidence(claim, author, rows):
    for source_name, url, quote, stance in rows:
        Evidence.objects.create(
            claim=claim,
            source=Source.objects.matching(source_name).first(),
            url=url,
            quote=quote,
            stance=stance,
            added_by=author,
        )
