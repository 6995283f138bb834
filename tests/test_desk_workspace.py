"""The claim workspace: context, reports over time, evidence, the verdict editor, status moves, history."""

import re
from datetime import datetime

import pytest
from django.urls import reverse

from claims.fetching import FetchedPage, FetchError
from claims.models import Claim, Evidence, Verdict

from .factories import (
    ALMATY,
    make_admin,
    make_article,
    make_claim,
    make_contradiction,
    make_editor,
    make_evidence,
    make_figure,
    make_relay,
    make_source,
    make_user,
    make_verdict,
)

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}
BODY = (
    "Protests began in Zhanaozen on 2 January. They spread to Almaty within days. "
    "The Ministry of Health said more than 1,000 people were injured and 400 were in hospital. "
    "The government resigned on Wednesday. A state of emergency was declared."
)
CLAIM_TEXT = "The Ministry of Health said more than 1,000 people were injured and 400 were in hospital."


@pytest.fixture
def editor(client):
    user = make_editor("desk-editor", first_name="Dana", last_name="Editor")
    client.force_login(user)
    return user


@pytest.fixture
def claim():
    article = make_article(BODY, title="Unrest in Kazakhstan", url="https://news.example/unrest")
    start = BODY.index(CLAIM_TEXT)
    claim = make_claim(
        article,
        CLAIM_TEXT,
        start=start,
        event="kazakhstan-unrest",
        checkworthiness=0.8,
        checkworthy_reasons=["has_figure", "attributed"],
    )
    figure_start = BODY.index("more than 1,000")
    make_figure(claim, "more than 1,000", start=figure_start, measure="injured", value=1000, low=1000)
    return claim


def url(name, claim):
    return reverse(f"desk:{name}", args=[claim.pk])


def verdict_data(**fields):
    return {
        "rating": "mostly_true",
        "headline": "Broadly right",
        "summary": "The ministry said so.",
        "explanation": "See **the statement**.",
        **fields,
    }


# --- Access -------------------------------------------------------------------------------------------


def test_anonymous_is_sent_to_login(client, claim):
    for response in (client.get(url("claim_detail", claim)), client.post(url("claim_verdict_save", claim))):
        assert response.status_code == 302
        assert response.url.startswith(reverse("login"))


def test_signed_in_non_editor_is_forbidden(client, claim):
    client.force_login(make_user())
    assert client.get(url("claim_detail", claim)).status_code == 403
    assert client.post(url("claim_evidence_add", claim), {"url": "https://x.example"}).status_code == 403
    assert client.post(url("claim_move", claim), {"status": "dismissed"}).status_code == 403


def test_editor_sees_the_workspace(client, editor, claim):
    response = client.get(url("claim_detail", claim))
    assert response.status_code == 200
    assert response.headers["Vary"].count("HX-Request") == 1
    assert b'data-testid="claim-workspace"' in response.content


def test_admin_sees_the_workspace(client, claim):
    client.force_login(make_admin())
    assert client.get(url("claim_detail", claim)).status_code == 200


def test_unknown_claim_is_404(client, editor):
    assert client.get(reverse("desk:claim_detail", args=[999999])).status_code == 404


def test_htmx_get_returns_the_workspace_without_the_page_shell(client, editor, claim):
    response = client.get(url("claim_detail", claim), **HTMX)
    assert response.status_code == 200
    assert b"<html" not in response.content
    assert b'id="workspace"' in response.content


# --- The claim in context -----------------------------------------------------------------------------


def test_the_claim_is_highlighted_in_its_article_with_figures_marked(client, editor, claim):
    content = client.get(url("claim_detail", claim)).content.decode()
    assert '<mark class="claim-span"' in content
    assert '<strong class="figure-mark">more than 1,000</strong>' in content
    assert "They spread to Almaty within days." in content
    assert reverse("desk:article_detail", args=[claim.article.pk]) in content


def test_speaker_relays_and_checkworthiness_are_shown(client, editor, claim):
    claim.speaker = make_source("Ministry of Health")
    claim.speaker_role = "press service"
    claim.save()
    make_relay(claim, make_source("Khabar-24", kind="broadcaster"), 0)
    make_relay(claim, make_source("Interfax", kind="agency"), 1)
    make_relay(claim, make_source("TASS", kind="agency"), 2)
    content = client.get(url("claim_detail", claim)).content.decode()
    assert "Ministry of Health, press service, said on Khabar-24, as quoted by Interfax and TASS" in content
    assert "80%" in content
    assert "Contains a figure" in content and "Attributed to a speaker" in content


def test_figures_are_listed_with_their_bounds_and_flags(client, editor, claim):
    make_figure(claim, "400", start=BODY.index("400"), measure="hospitalized", value=400, is_earlier=True)
    content = client.get(url("claim_detail", claim)).content.decode()
    assert "Hospitalised" in content
    assert '<span class="badge flag">earlier</span>' in content


# --- How the figure was reported ----------------------------------------------------------------------


def report_elsewhere(outlet, value=1000, speaker=None, day=7, event="kazakhstan-unrest"):
    article = make_article(
        f"{outlet} reports {value} injured.",
        publisher=make_source(outlet),
        published_at=datetime(2022, 1, day, 10, tzinfo=ALMATY),
    )
    other = make_claim(article, speaker=speaker, event=event)
    make_figure(other, str(value), measure="injured", value=value)
    return other


def test_outlets_repeating_one_speaker_are_one_origin_on_the_chart(client, editor, claim):
    ministry = make_source("Ministry of Health")
    for outlet in ["TASS", "RIA Novosti", "BBC", "AFP", "Reuters"]:
        report_elsewhere(outlet, speaker=ministry)
    report_elsewhere("Vlast", value=2000)
    report_elsewhere("Unrelated", value=5, event="other-event")
    response = client.get(url("claim_detail", claim))
    [(series, own_indexes)] = response.context["reported_series"]
    assert sorted((p.words, p.outlet_count) for p in series.points) == [
        ("1,000", 5),
        ("2,000", 1),
        ("at least 1,000", 1),  # this claim's own "more than 1,000", open above
    ]
    assert len(own_indexes) == 1
    content = response.content.decode()
    assert "reported by 5 outlets" in content
    assert '<svg class="chart-plot"' in content and "<title id=" in content
    assert 'aria-label="1,000 injured, from Ministry of Health' in content
    assert 'aria-label="at least 1,000 injured' in content
    assert 'data-testid="report-table-injured"' in content


def report_vague(outlet, text, subject, day=7, **bounds):
    article = make_article(
        f"{outlet}: {text} killed.",
        publisher=make_source(outlet),
        published_at=datetime(2022, 1, day, 10, tzinfo=ALMATY),
    )
    other = make_claim(article, event="unrest@almaty")
    make_figure(other, text, measure="killed", subject=subject, **bounds)
    return other


@pytest.fixture
def almaty_killed():
    """Officers killed (12, then at least 13) and "dozens" of protesters: two groups, three kinds of figure."""
    own = report_vague("Nomad Wire", "Twelve", "security forces", day=6, value=12, low=12, high=12)
    report_vague("Steppe Courier", "at least 13", "security forces", value=13, low=13, qualifier="at least")
    report_vague("Caspian Ledger", "dozens", "protesters", value=48, low=24, high=99)
    report_vague(
        "Orda Monitor", "more than 100", "protesters", day=8, value=101, low=101, qualifier="more than"
    )
    return own


def chart_html(content):
    return content[content.index('<figure class="report-chart"') : content.index("</figure>")]


def test_vague_and_open_figures_are_drawn_as_ranges_never_at_a_made_up_value(client, editor, almaty_killed):
    chart = chart_html(client.get(url("claim_detail", almaty_killed)).content.decode())
    svg = chart[
        chart.index('<svg class="chart-plot"') : chart.index("</svg>", chart.index('<svg class="chart-plot"'))
    ]
    assert svg.count('data-shape="exact"') == 1
    assert svg.count('data-shape="range"') == 1
    assert svg.count('data-shape="at-least"') == 2
    assert "48" not in svg and "101 killed" not in svg
    assert 'aria-label="24 to 99 killed (protesters)' in svg
    assert 'aria-label="more than 100 killed (protesters)' in svg
    assert "viewBox" not in svg  # so its text is never scaled down


def test_the_chart_splits_groups_into_series_and_has_a_legend(client, editor, almaty_killed):
    chart = chart_html(client.get(url("claim_detail", almaty_killed)).content.decode())
    legend = chart[chart.index('data-testid="chart-legend"') : chart.index("</ul>")]
    for name in ["Security forces", "Protesters", "exact figure", "range", "open-ended"]:
        assert name in legend
    assert "series-0" in chart and "series-1" in chart
    assert chart.count('class="chart-point chart-exact series-0') == 1  # the officers' twelve


def test_the_table_says_each_range_in_words(client, editor, almaty_killed):
    chart = chart_html(client.get(url("claim_detail", almaty_killed)).content.decode())
    table = chart[chart.index("<table") : chart.index("</table>")]
    ranges = [cell.split(">", 1)[1].split("<", 1)[0] for cell in table.split('data-testid="range-cell"')[1:]]
    assert ranges == ["exact", "at least 13", "24 to 99", "more than 100"]
    assert "—" not in table


def test_a_figure_without_event_takes_its_claims_event(client, editor, claim):
    other = make_claim(make_article("Elsewhere: 1,500 injured."), event="kazakhstan-unrest")
    make_figure(other, "1,500", measure="injured", value=1500, event="")
    [(series, _)] = client.get(url("claim_detail", claim)).context["reported_series"]
    assert 1500 in [p.exact_value for p in series.points]


def test_without_an_event_there_is_nothing_to_match(client, editor, claim):
    Claim.objects.filter(pk=claim.pk).update(event="")
    response = client.get(url("claim_detail", claim))
    assert response.context["reported_series"] == []
    assert b"No event is known" in response.content


# --- Contradictions -----------------------------------------------------------------------------------


def test_contradictions_involving_the_claim_are_shown_as_cards(client, editor, claim):
    other = report_elsewhere("Vlast", value=2000)
    contradiction = make_contradiction(claim, other)
    unrelated = make_contradiction()
    content = client.get(url("claim_detail", claim)).content.decode()
    assert f'data-contradiction-id="{contradiction.pk}"' in content
    assert f'data-contradiction-id="{unrelated.pk}"' not in content


# --- Evidence -----------------------------------------------------------------------------------------


@pytest.fixture
def fetched(monkeypatch, settings):
    """The cited page, archived as soon as the evidence is queued (the queue runs tasks at once)."""
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    page = FetchedPage("https://ministry.example/s", "text/plain", "More than 1,000 people were injured.")
    monkeypatch.setattr("claims.evidence.fetch_url", lambda url: page)


def test_evidence_is_added_and_archived_then_redirects_without_js(client, editor, claim, fetched):
    data = {
        "source_name": "Ministry of Health",
        "url": "https://ministry.example/s",
        "quote": "more than 1,000 people were injured",
        "stance": "supports",
    }
    response = client.post(url("claim_evidence_add", claim), data, follow=True)
    evidence = Evidence.objects.get(claim=claim)
    assert response.redirect_chain[-1][0].endswith(f"#evidence-{evidence.pk}")
    assert evidence.quote_verified is True and evidence.snapshot_hash and evidence.added_by == editor
    assert b"Evidence added" in response.content and b"Quote found in the page" in response.content


def test_evidence_with_htmx_returns_the_evidence_section(client, editor, claim, fetched):
    data = {"url": "https://ministry.example/s", "quote": "2,000 dead", "stance": "refutes"}
    response = client.post(url("claim_evidence_add", claim), data, **HTMX)
    assert response.status_code == 200
    content = response.content.decode()
    assert content.lstrip().startswith('<section id="evidence"')
    assert "Quote not found in the page" in content
    assert (
        'id="workspace-announcer" class="workspace-announcer" role="status" aria-live="polite" hx-swap-oob'
        in content
    )


def test_a_page_that_cannot_be_fetched_keeps_the_evidence_and_says_why(
    client, editor, claim, monkeypatch, fetched
):
    def refuse(url):
        raise FetchError("The server answered 503 instead of the page.")

    monkeypatch.setattr("claims.evidence.fetch_url", refuse)
    response = client.post(
        url("claim_evidence_add", claim), {"url": "https://down.example", "stance": "context"}, **HTMX
    )
    content = response.content.decode()
    assert Evidence.objects.filter(claim=claim).count() == 1
    assert "Not archived: The server answered 503 instead of the page." in content
    assert 'data-testid="evidence-not-archived"' in content


def test_evidence_without_source_or_url_is_422_with_input_kept(client, editor, claim):
    response = client.post(
        url("claim_evidence_add", claim), {"quote": "My quote", "stance": "refutes"}, **HTMX
    )
    assert response.status_code == 422
    content = response.content.decode()
    assert "Give a source or a URL" in content
    assert "My quote</textarea>" in content
    assert '<option value="refutes" selected>' in content
    assert not Evidence.objects.exists()


def test_invalid_evidence_without_js_renders_the_whole_page_with_422(client, editor, claim):
    response = client.post(url("claim_evidence_add", claim), {"url": "not a url", "stance": "refutes"})
    assert response.status_code == 422
    assert b"<html" in response.content and b"Enter a valid URL." in response.content


# --- The verdict editor -------------------------------------------------------------------------------


def test_the_first_verdict_moves_a_claim_in_review_to_verdict_drafted(client, editor, claim):
    claim.start_review(by=editor)
    response = client.post(url("claim_verdict_save", claim), verdict_data(), **HTMX)
    assert response.status_code == 200
    claim.refresh_from_db()
    assert claim.status == Claim.Status.VERDICT_DRAFTED
    assert claim.verdict.author == editor and claim.verdict.version == 1
    content = response.content.decode()
    assert 'name="version" value="1"' in content
    assert 'id="workspace-status"' in content and 'hx-swap-oob="true"' in content


def test_a_verdict_on_a_new_claim_leaves_its_status(client, editor, claim):
    client.post(url("claim_verdict_save", claim), verdict_data())
    claim.refresh_from_db()
    assert claim.status == Claim.Status.NEW
    assert Verdict.objects.filter(claim=claim).exists()


def test_saving_without_js_redirects_with_a_message(client, editor, claim):
    response = client.post(url("claim_verdict_save", claim), verdict_data(), follow=True)
    assert response.redirect_chain[-1][0].endswith("#verdict")
    assert b"Verdict saved." in response.content


def test_an_invalid_verdict_is_422_with_the_form_and_input_kept(client, editor, claim):
    response = client.post(
        url("claim_verdict_save", claim), verdict_data(headline="", summary="Kept"), **HTMX
    )
    assert response.status_code == 422
    content = response.content.decode()
    assert content.lstrip().startswith('<section id="verdict"')
    assert "This field is required." in content and "Kept</textarea>" in content


def test_an_edit_based_on_the_current_version_is_saved(client, editor, claim):
    verdict = make_verdict(claim, headline="Old")
    client.post(
        url("claim_verdict_save", claim), verdict_data(headline="New", version=verdict.version), **HTMX
    )
    verdict.refresh_from_db()
    assert (verdict.headline, verdict.version) == ("New", 2)


def test_a_stale_edit_is_refused_with_409_and_a_field_by_field_comparison(client, editor, claim):
    verdict = make_verdict(claim, headline="Opened headline", summary="Same summary")
    rival = make_editor("rival", first_name="Rustam", last_name="Rival")
    verdict.save_edit(1, by=rival, headline="Their headline")
    response = client.post(
        url("claim_verdict_save", claim),
        verdict_data(headline="My headline", summary="Same summary", version=1),
        **HTMX,
    )
    assert response.status_code == 409
    content = response.content.decode()
    verdict.refresh_from_db()
    assert f"Another editor saved this verdict at {verdict.updated_at:%H:%M} (by Rustam Rival)." in content
    assert "Opened headline" in content and "Their headline" in content  # what they changed
    assert 'value="My headline"' in content  # your text stays
    assert 'name="version" value="2"' in content  # a deliberate re-save goes through
    assert 'data-testid="verdict-conflict"' in content
    assert verdict.headline == "Their headline"


def test_after_a_conflict_a_deliberate_resave_replaces_their_version(client, editor, claim):
    verdict = make_verdict(claim)
    verdict.save_edit(1, by=make_editor(), headline="Theirs")
    client.post(url("claim_verdict_save", claim), verdict_data(headline="Mine", version=1))
    response = client.post(url("claim_verdict_save", claim), verdict_data(headline="Mine", version=2))
    assert response.status_code == 302
    verdict.refresh_from_db()
    assert verdict.headline == "Mine"


def test_a_conflict_without_js_renders_the_page_with_409(client, editor, claim):
    verdict = make_verdict(claim)
    verdict.save_edit(1, headline="Theirs")
    response = client.post(url("claim_verdict_save", claim), verdict_data(headline="Mine", version=1))
    assert response.status_code == 409
    assert b"<html" in response.content and b"Another editor saved this verdict" in response.content


def test_creating_a_verdict_someone_else_just_created_is_a_conflict(client, editor, claim):
    make_verdict(claim, headline="Theirs")
    response = client.post(url("claim_verdict_save", claim), verdict_data(headline="Mine"), **HTMX)
    assert response.status_code == 409
    assert 'value="Mine"' in response.content.decode()


def test_a_long_headline_gets_a_warning_not_an_error(client, editor, claim):
    long_headline = "A" * 80
    response = client.post(url("claim_verdict_save", claim), verdict_data(headline=long_headline), **HTMX)
    assert response.status_code == 200
    content = response.content.decode()
    assert "The headline has 80 characters" in content
    assert 'data-testid="headline-warning" hidden' not in content


def test_the_live_preview_is_sanitised(client, editor, claim):
    data = verdict_data(
        explanation="**Yes** <script>alert(1)</script> [x](javascript:alert(2)) <b hx-get='/'>b</b>"
    )
    response = client.post(url("claim_verdict_preview", claim), data, **HTMX)
    content = response.content.decode()
    assert response.status_code == 200
    assert "<strong>Yes</strong>" in content
    assert "<script" not in content and "javascript:" not in content and "hx-get" not in content
    assert 'id="headline-warning"' in content and 'hx-swap-oob="true"' in content


def test_the_preview_without_js_shows_the_page_with_the_typed_text(client, editor, claim):
    response = client.post(
        url("claim_verdict_preview", claim), verdict_data(headline="", explanation="*draft*")
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert "<em>draft</em>" in content and "This field is required." not in content


# --- Status -------------------------------------------------------------------------------------------


def test_only_allowed_moves_are_offered(client, editor, claim):
    content = client.get(url("claim_detail", claim)).content.decode()
    assert 'data-testid="move-in_review"' in content and 'data-testid="move-dismissed"' in content
    assert 'data-testid="move-new"' not in content and 'data-testid="publish-verdict"' not in content


def test_starting_review_assigns_and_moves(client, editor, claim):
    response = client.post(url("claim_move", claim), {"status": "in_review"}, **HTMX)
    assert response.status_code == 200
    claim.refresh_from_db()
    assert claim.status == Claim.Status.IN_REVIEW and claim.assignee == editor
    assert b'id="history"' in response.content


def test_an_illegal_move_is_409_with_a_message(client, editor, claim):
    response = client.post(url("claim_move", claim), {"status": "published"}, **HTMX)
    assert response.status_code == 409
    assert "cannot move to “Published”" in response.content.decode()
    claim.refresh_from_db()
    assert claim.status == Claim.Status.NEW


def test_an_unknown_status_is_422(client, editor, claim):
    assert client.post(url("claim_move", claim), {"status": "bogus"}, **HTMX).status_code == 422


def test_a_move_without_js_redirects_with_a_message(client, editor, claim):
    response = client.post(url("claim_move", claim), {"status": "dismissed"}, follow=True)
    assert b"The claim is now \xe2\x80\x9cDismissed\xe2\x80\x9d." in response.content


def test_publish_is_offered_and_works_once_a_verdict_exists(client, editor, claim):
    claim.start_review(by=editor)
    make_verdict(claim)
    assert b'data-testid="publish-verdict"' in client.get(url("claim_detail", claim)).content
    response = client.post(url("claim_publish", claim), **HTMX)
    assert response.status_code == 200
    claim.refresh_from_db()
    assert claim.status == Claim.Status.PUBLISHED and claim.verdict.is_published


def test_publishing_without_a_verdict_is_409(client, editor, claim):
    claim.start_review(by=editor)
    assert client.post(url("claim_publish", claim), **HTMX).status_code == 409


def test_assign_to_me(client, editor, claim):
    response = client.post(url("claim_assign", claim), follow=True)
    claim.refresh_from_db()
    assert claim.assignee == editor
    assert b"The claim is assigned to you." in response.content
    assert b'data-testid="assign-to-me"' not in response.content


# --- History ------------------------------------------------------------------------------------------


def test_history_merges_claim_verdict_and_contradiction_changes_newest_first(client, editor, claim):
    claim.start_review(by=editor)
    client.post(url("claim_verdict_save", claim), verdict_data(headline="First"))
    client.post(url("claim_verdict_save", claim), verdict_data(headline="Second", version=1))
    contradiction = make_contradiction(claim, report_elsewhere("Vlast", value=2000))
    contradiction.confirm(by=editor, note="Both cannot be right.")
    history = client.get(url("claim_detail", claim)).context["history"]
    subjects = [entry.subject for entry in history]
    assert subjects[0] == f"Contradiction #{contradiction.pk}"
    assert {"Claim", "Verdict"} <= set(subjects)
    changes = {(c.field, c.old, c.new) for entry in history for c in entry.changes}
    assert ("Headline", "First", "Second") in changes
    assert ("Status", "In review", "Verdict drafted") in changes
    assert ("Assignee", "—", "Dana Editor") in changes
    assert all(entry.who == "Dana Editor" for entry in history if entry.subject == "Verdict")


def test_history_shows_yes_no_and_dates_in_words_not_stored_values(client, editor, claim):
    verdict = make_verdict(claim)
    verdict.is_published = True
    verdict.published_at = datetime(2022, 1, 7, 9, 30, tzinfo=ALMATY)
    verdict.save()
    history = client.get(url("claim_detail", claim)).context["history"]
    changes = {(c.field, c.old, c.new) for entry in history for c in entry.changes}
    assert ("Is published", "no", "yes") in changes
    [(_, _, published)] = [c for c in changes if c[0] == "Published at"]
    assert re.fullmatch(r"7 Jan 2022, \d\d:30", published)


# --- Query counts -------------------------------------------------------------------------------------


def fill(claim, rows):
    source = make_source(f"Source for {rows}")
    ministry = make_source(f"Ministry {rows}")
    for i in range(rows):
        make_evidence(claim, source=source, url=f"https://e.example/{rows}/{i}", quote="q")
        make_figure(claim, f"{i}", start=i, end=i + 1, measure="injured", value=i + 1)
        other = report_elsewhere(f"Outlet {rows}-{i}", value=1000 + i, speaker=ministry)
        make_relay(other, source, 0)
    verdict = make_verdict(claim)
    for i in range(rows):
        verdict.save_edit(verdict.version, headline=f"Headline {i}")
        claim.checkworthiness = (i % 10) / 10
        claim.save()
    make_contradiction(claim, other)


@pytest.mark.parametrize("rows", [10, 200])
def test_the_page_costs_the_same_number_of_queries_whatever_the_rows(
    client, editor, claim, rows, django_assert_max_num_queries
):
    fill(claim, rows)
    with django_assert_max_num_queries(18):
        response = client.get(url("claim_detail", claim))
    assert response.status_code == 200
    assert len(response.context["evidence_list"]) == rows


@pytest.mark.parametrize("rows", [10, 200])
def test_htmx_sections_cost_a_fixed_number_of_queries(
    client, editor, claim, rows, django_assert_max_num_queries
):
    fill(claim, rows)
    with django_assert_max_num_queries(21):
        client.post(url("claim_move", claim), {"status": "in_review"}, **HTMX)
