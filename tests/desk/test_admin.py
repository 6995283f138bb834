"""The admin: every page loads for a superuser, editors cannot delete sources, duplicates merge cleanly."""

import pytest
from django.contrib.admin import helpers
from django.contrib.auth.models import Group, User
from django.urls import reverse

from claims.models import (
    Article,
    Claim,
    ClaimRelay,
    Contradiction,
    Evidence,
    Figure,
    Source,
    SourceAlias,
    Verdict,
)
from tests.factories import (
    make_article,
    make_claim,
    make_contradiction,
    make_editor,
    make_evidence,
    make_figure,
    make_relay,
    make_source,
    make_verdict,
)

pytestmark = pytest.mark.django_db

CLAIMS_MODELS = [Source, SourceAlias, Article, Claim, ClaimRelay, Figure, Verdict, Evidence, Contradiction]
HISTORY_MODELS = [Claim, Verdict, Contradiction]


@pytest.fixture
def records():
    """One row of every model, linked the way the analysis links them."""
    police = make_source("Almaty City Police Department", kind=Source.Kind.OFFICIAL_BODY)
    spokesman = make_source("Saltanat Azirbek", kind=Source.Kind.PERSON, parent=police)
    khabar = make_source("Khabar 24", kind=Source.Kind.BROADCASTER)
    khabar.add_alias("Хабар 24")
    article = make_article(publisher=make_source("Steppe Courier"), url="https://steppecourier.example/a")
    claim = make_claim(article, speaker=spokesman)
    other = make_claim(article, text="More than 100 protesters injured", start=200)
    make_figure(claim)
    make_relay(claim, khabar)
    verdict = make_verdict(claim)
    make_evidence(claim, source=police)
    make_contradiction(claim, other)
    return {"verdict": verdict}


def admin_url(model, page, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{page}", args=args)


@pytest.mark.parametrize("model", CLAIMS_MODELS, ids=lambda m: m.__name__)
def test_changelist_loads(admin_client, records, model):
    assert admin_client.get(admin_url(model, "changelist")).status_code == 200


@pytest.mark.parametrize("model", CLAIMS_MODELS, ids=lambda m: m.__name__)
def test_changelist_search_loads(admin_client, records, model):
    assert admin_client.get(admin_url(model, "changelist"), {"q": "injured"}).status_code == 200


@pytest.mark.parametrize("model", CLAIMS_MODELS, ids=lambda m: m.__name__)
def test_add_page_loads(admin_client, records, model):
    assert admin_client.get(admin_url(model, "add")).status_code == 200


@pytest.mark.parametrize("model", CLAIMS_MODELS, ids=lambda m: m.__name__)
def test_change_page_loads(admin_client, records, model):
    obj = model.objects.first()
    assert admin_client.get(admin_url(model, "change", obj.pk)).status_code == 200


@pytest.mark.parametrize("model", HISTORY_MODELS, ids=lambda m: m.__name__)
def test_history_page_loads(admin_client, records, model):
    obj = model.objects.first()
    assert admin_client.get(admin_url(model, "history", obj.pk)).status_code == 200


def test_site_header_names_the_project(admin_client):
    response = admin_client.get(reverse("admin:index"))
    assert "factcheck administration" in response.text


def test_article_page_lists_its_claims_with_read_only_spans(admin_client, records):
    article = Article.objects.get(url="https://steppecourier.example/a")
    response = admin_client.get(admin_url(Article, "change", article.pk))
    assert "More than 100 protesters injured" in response.text
    assert 'name="claims-0-start"' not in response.text


# --- Permissions ---------------------------------------------------------------------------------------


@pytest.fixture
def editor_client(client):
    editor = make_editor(is_staff=True)
    client.force_login(editor)
    return client


def test_editor_has_no_permission_to_delete_a_source():
    editor = make_editor(is_staff=True)
    assert editor.has_perm("claims.change_source")
    assert not editor.has_perm("claims.delete_source")


def test_editor_gets_403_on_a_source_delete_page(editor_client):
    source = make_source("TASS")
    assert editor_client.get(admin_url(Source, "delete", source.pk)).status_code == 403
    assert editor_client.post(admin_url(Source, "delete", source.pk), {"post": "yes"}).status_code == 403
    assert Source.objects.filter(pk=source.pk).exists()


def test_editor_may_open_the_source_changelist(editor_client):
    make_source("TASS")
    assert editor_client.get(admin_url(Source, "changelist")).status_code == 200


def test_editor_cannot_merge_sources(editor_client):
    first, second = make_source("Interfax"), make_source("Interfax news agency")
    merge(editor_client, [first, second], keep=first)
    assert Source.objects.filter(pk=second.pk).exists()


def test_admins_group_may_delete_sources():
    admins = Group.objects.get(name="Admins")
    assert admins.permissions.filter(codename="delete_source").exists()
    assert not Group.objects.get(name="Editors").permissions.filter(codename="delete_source").exists()


# --- Merging sources -----------------------------------------------------------------------------------


def merge(client, sources, keep=None):
    data = {"action": "merge_sources", helpers.ACTION_CHECKBOX_NAME: [s.pk for s in sources]}
    if keep is not None:
        data |= {"post": "yes", "keep": keep.pk}
    return client.post(admin_url(Source, "changelist"), data)


@pytest.fixture
def duplicates():
    kept = make_source("Khabar 24", kind=Source.Kind.BROADCASTER)
    cyrillic = make_source("Хабар 24", kind=Source.Kind.BROADCASTER)
    tv = make_source("Khabar TV", kind=Source.Kind.BROADCASTER)
    tv.add_alias("Khabar Television")
    return kept, cyrillic, tv


def test_merge_asks_which_source_to_keep(admin_client, duplicates):
    response = merge(admin_client, duplicates)
    assert response.status_code == 200
    assert [t.name for t in response.templates][0] == "admin/claims/source/merge_sources.html"
    for source in duplicates:
        assert source.name in response.text
    assert Source.objects.count() == 3


def test_merge_moves_every_reference_to_the_kept_source(admin_client, duplicates):
    kept, cyrillic, tv = duplicates
    article = make_article(publisher=cyrillic)
    claim = make_claim(article, speaker=tv)
    make_relay(claim, cyrillic, position=0)
    other_claim = make_claim(article, text="Nearly 400 were in hospital.", start=300)
    make_relay(other_claim, tv, position=0)
    make_relay(other_claim, kept, position=1)
    evidence = make_evidence(claim, source=tv)
    child = make_source("Khabar 24 newsroom", parent=cyrillic)

    response = merge(admin_client, duplicates, keep=kept)

    assert response.status_code == 302
    assert list(Source.objects.filter(name__icontains="хабар").exclude(pk=kept.pk)) == []
    assert set(Source.objects.values_list("pk", flat=True)) == {kept.pk, child.pk}
    article.refresh_from_db()
    claim.refresh_from_db()
    evidence.refresh_from_db()
    child.refresh_from_db()
    assert article.publisher == kept
    assert claim.speaker == kept
    assert claim.relay_chain == [kept]
    assert other_claim.relay_chain == [kept]
    assert evidence.source == kept
    assert child.parent == kept
    assert set(kept.aliases.values_list("name", flat=True)) == {"Хабар 24", "Khabar TV", "Khabar Television"}
    assert list(Source.objects.matching("Khabar TV")) == [kept]


def test_merge_refuses_fewer_than_two_sources(admin_client, duplicates):
    kept = duplicates[0]
    response = merge(admin_client, [kept], keep=kept)
    assert response.status_code == 302
    assert Source.objects.count() == 3
    response = admin_client.get(response.url)
    assert "Select at least two sources to merge." in response.text


def test_merge_without_a_choice_merges_nothing(admin_client, duplicates):
    selected = [s.pk for s in duplicates]
    admin_client.post(
        admin_url(Source, "changelist"),
        {"action": "merge_sources", helpers.ACTION_CHECKBOX_NAME: selected, "post": "yes"},
    )
    assert Source.objects.count() == 3


# --- Workflow through the admin ------------------------------------------------------------------------


def test_publish_action_publishes_a_verdict_and_its_claim(admin_client, records):
    verdict = records["verdict"]
    verdict.claim.start_review(by=User.objects.get(username="admin"))
    admin_client.post(
        admin_url(Verdict, "changelist"),
        {"action": "publish_verdicts", helpers.ACTION_CHECKBOX_NAME: [verdict.pk]},
    )
    verdict.refresh_from_db()
    assert verdict.is_published
    assert verdict.claim.status == Claim.Status.PUBLISHED


def test_publish_action_refuses_a_claim_not_yet_reviewed(admin_client, records):
    verdict = records["verdict"]
    response = admin_client.post(
        admin_url(Verdict, "changelist"),
        {"action": "publish_verdicts", helpers.ACTION_CHECKBOX_NAME: [verdict.pk]},
        follow=True,
    )
    verdict.refresh_from_db()
    assert not verdict.is_published
    assert "was not published" in response.text


def test_saving_a_verdict_in_the_admin_raises_its_version(admin_client, records):
    verdict = records["verdict"]
    page = admin_client.get(admin_url(Verdict, "change", verdict.pk))
    data = {
        "claim": verdict.claim_id,
        "rating": "false",
        "headline": "Corrected headline",
        "summary": verdict.summary,
        "explanation": "",
        "author": User.objects.get(username="admin").pk,
        "slug": verdict.slug,
    }
    assert page.status_code == 200
    response = admin_client.post(admin_url(Verdict, "change", verdict.pk), data)
    assert response.status_code == 302
    verdict.refresh_from_db()
    assert (verdict.headline, verdict.version) == ("Corrected headline", 2)


def test_adding_a_contradiction_in_either_order_stores_the_pair_ordered(admin_client):
    first, second = make_claim(), make_claim()
    data = {
        "claim_a": second.pk,
        "claim_b": first.pk,
        "kind": "count",
        "severity": "medium",
        "explanation": "Two counts of the injured.",
        "status": "open",
        "resolution": "",
        "resolution_note": "",
    }
    response = admin_client.post(admin_url(Contradiction, "add"), data)
    assert response.status_code == 302
    contradiction = Contradiction.objects.get()
    assert (contradiction.claim_a, contradiction.claim_b) == (first, second)


def test_resolving_a_contradiction_in_the_admin_stamps_who_and_when(admin_client):
    contradiction = make_contradiction()
    data = {
        "claim_a": contradiction.claim_a_id,
        "claim_b": contradiction.claim_b_id,
        "kind": "count",
        "severity": "medium",
        "explanation": contradiction.explanation,
        "status": "dismissed",
        "resolution": "",
        "resolution_note": "Different days.",
    }
    response = admin_client.post(admin_url(Contradiction, "change", contradiction.pk), data)
    assert response.status_code == 302
    contradiction.refresh_from_db()
    assert contradiction.status == Contradiction.Status.DISMISSED
    assert contradiction.resolved_at is not None
    assert contradiction.resolved_by.username == "admin"


def test_alias_clashing_with_another_sources_alias_is_a_form_error(admin_client):
    tass = make_source("TASS")
    tass.add_alias("ТАСС")
    other = make_source("Interfax")
    response = admin_client.post(admin_url(SourceAlias, "add"), {"source": other.pk, "name": "тасс"})
    assert response.status_code == 200
    assert "already an alias of TASS" in response.text


# --- History pages -------------------------------------------------------------------------------------


def test_history_rows_are_in_words(admin_client, records):
    from lxml import html

    editor = make_editor(first_name="Dana", last_name="Editor")
    claim = Claim.objects.get(text="More than 100 protesters injured")
    claim.start_review(by=editor)  # status and assignee change: the assignee was empty
    claim.move_to(Claim.Status.NEW)  # nobody signed in (a script)
    response = admin_client.get(admin_url(Claim, "history", claim.pk))
    assert response.status_code == 200
    page = html.fromstring(response.content)
    table = page.xpath("string(//table[@id='change-history'])")
    assert "Status: New → In review" in " ".join(table.split())
    assert "Dana Editor" in table
    assert "Not recorded (the analysis, a background task or a script)" in table
    for raw in ("None", "pk=", "in_review", "Deleted user"):
        assert raw not in table
    assert not page.xpath("//*[@style]"), "an inline style breaks the CSP (style-src 'self')"


# --- Sources flagged for review ------------------------------------------------------------------------


def test_a_possible_duplicate_is_marked_in_the_list_and_can_be_filtered(admin_client):
    from claims.newsroom.ingest import resolve_source

    nomad = make_source("Nomad Wire")
    twin = resolve_source("N\u043emad Wire")  # a Cyrillic о
    page = admin_client.get(admin_url(Source, "changelist")).text
    assert "Possible duplicate of “Nomad Wire”" in page
    flagged = admin_client.get(admin_url(Source, "changelist"), {"needs_review": "yes"})
    assert list(flagged.context["cl"].result_list) == [twin]
    checked = admin_client.get(admin_url(Source, "changelist"), {"needs_review": "no"})
    assert nomad in checked.context["cl"].result_list and twin not in checked.context["cl"].result_list


def test_marking_a_flagged_source_as_checked_clears_the_flag(admin_client):
    from claims.newsroom.ingest import resolve_source

    make_source("Nomad Wire")
    twin = resolve_source("N\u043emad Wire")
    admin_client.post(
        admin_url(Source, "changelist"), {"action": "mark_checked", helpers.ACTION_CHECKBOX_NAME: [twin.pk]}
    )
    twin.refresh_from_db()
    assert twin.review_note == "" and twin.possible_duplicate_of is None
