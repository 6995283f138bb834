"""The claim workspace: context, reports over time, evidence, the verdict editor, status moves, history."""

import re
from datetime import datetime

import pytest
from django.urls import reverse

from claims.models import Claim, Evidence, Verdict
from claims.newsroom.fetching import FetchedPage, FetchError
from tests.factories import (
    ALMATY,
    HTMX,
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

BODY = (
    "Protests began in Zhanaozen on 2 January. They spread to Almaty within days. "
    "The Ministry of Health said more than 1,000 people were injured and 400 were in hospital. "
    "The government resigned on Wednesday. A state of emergency was declared."
)
CLAIM_TEXT = "The Ministry of Health said more than 1,000 people were injured and 400 were in hospital."


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
    for response in (client.get(url("workspace", claim)), client.post(url("workspace_verdict_save", claim))):
        assert response.status_code == 302
        assert response.url.startswith(reverse("login"))


def test_signed_in_non_editor_is_forbidden(client, claim):
    client.force_login(make_user())
    assert client.get(url("workspace", claim)).status_code == 403
    assert client.post(url("workspace_evidence_add", claim), {"url": "https://x.example"}).status_code == 403
    assert client.post(url("workspace_move", claim), {"status": "dismissed"}).status_code == 403


def test_editor_sees_the_workspace(client, editor, claim):
    response = client.get(url("workspace", claim))
    assert response.status_code == 200
    assert response.headers["Vary"].count("HX-Request") == 1
    assert b'data-testid="claim-workspace"' in response.content


def test_admin_sees_the_workspace(client, claim):
    client.force_login(make_admin())
    assert client.get(url("workspace", claim)).status_code == 200


def test_unknown_claim_is_404(client, editor):
    assert client.get(reverse("desk:workspace", args=[999999])).status_code == 404


def test_htmx_get_returns_the_workspace_without_the_page_shell(client, editor, claim):
    response = client.get(url("workspace", claim), **HTMX)
    assert response.status_code == 200
    assert b"<html" not in response.content
    assert b'id="workspace"' in response.content


# --- The claim in context -----------------------------------------------------------------------------


def test_the_claim_is_highlighted_in_its_article_with_figures_marked(client, editor, claim):
    content = client.get(url("workspace", claim)).content.decode()
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
    content = client.get(url("workspace", claim)).content.decode()
    assert "Ministry of Health, press service, said on Khabar-24, as quoted by Interfax and TASS" in content
    assert "80%" in content
    assert "Contains a figure" in content and "Attributed to a speaker" in content


def test_a_speaker_named_in_general_words_is_shown_not_called_missing(client, editor, claim):
    claim.speaker, claim.speaker_role = None, "the regional health department"
    claim.save()
    content = client.get(url("workspace", claim)).content.decode()
    assert "The regional health department (not linked to a source)" in content
    assert "No speaker found" not in content


def test_figures_are_listed_with_their_bounds_and_flags(client, editor, claim):
    make_figure(claim, "400", start=BODY.index("400"), measure="hospitalized", value=400, is_earlier=True)
    content = client.get(url("workspace", claim)).content.decode()
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
    response = client.get(url("workspace", claim))
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


def test_a_report_nothing_dates_is_left_off_the_timeline(client, editor, claim):
    """An article with no publication date and a figure with no moment: the ingest day is no moment."""
    report_elsewhere("Vlast", value=2000)
    undated = make_claim(
        make_article("Someone reports 3,000 injured.", published_at=None), event="kazakhstan-unrest"
    )
    make_figure(undated, "3,000", measure="injured", value=3000)
    [(series, _)] = client.get(url("workspace", claim)).context["reported_series"]
    assert "3,000" not in [point.words for point in series.points]
    assert "2,000" in [point.words for point in series.points]


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
    chart = chart_html(client.get(url("workspace", almaty_killed)).content.decode())
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
    chart = chart_html(client.get(url("workspace", almaty_killed)).content.decode())
    legend = chart[chart.index('data-testid="chart-legend"') : chart.index("</ul>")]
    for name in ["Security forces", "Protesters", "exact figure", "range", "open-ended"]:
        assert name in legend
    assert "series-0" in chart and "series-1" in chart
    assert chart.count('class="chart-point chart-exact series-0') == 1  # the officers' twelve


def test_the_table_says_each_range_in_words(client, editor, almaty_killed):
    chart = chart_html(client.get(url("workspace", almaty_killed)).content.decode())
    table = chart[chart.index("<table") : chart.index("</table>")]
    ranges = [cell.split(">", 1)[1].split("<", 1)[0] for cell in table.split('data-testid="range-cell"')[1:]]
    assert ranges == ["exact", "at least 13", "24 to 99", "more than 100"]
    assert "—" not in table


def test_a_figure_without_event_takes_its_claims_event(client, editor, claim):
    other = make_claim(make_article("Elsewhere: 1,500 injured."), event="kazakhstan-unrest")
    make_figure(other, "1,500", measure="injured", value=1500, event="")
    [(series, _)] = client.get(url("workspace", claim)).context["reported_series"]
    assert 1500 in [p.exact_value for p in series.points]


def test_without_an_event_there_is_nothing_to_match(client, editor, claim):
    Claim.objects.filter(pk=claim.pk).update(event="")
    response = client.get(url("workspace", claim))
    assert response.context["reported_series"] == []
    assert b"No event is known" in response.content


# --- Contradictions -----------------------------------------------------------------------------------


def test_contradictions_involving_the_claim_are_shown_as_cards(client, editor, claim):
    other = report_elsewhere("Vlast", value=2000)
    contradiction = make_contradiction(claim, other)
    unrelated = make_contradiction()
    content = client.get(url("workspace", claim)).content.decode()
    assert f'data-contradiction-id="{contradiction.pk}"' in content
    assert f'data-contradiction-id="{unrelated.pk}"' not in content


# --- Evidence -----------------------------------------------------------------------------------------


@pytest.fixture
def fetched(monkeypatch, settings):
    """The cited page, archived as soon as the evidence is queued (the queue runs tasks at once)."""
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    page = FetchedPage("https://ministry.example/s", "text/plain", "More than 1,000 people were injured.")
    monkeypatch.setattr("claims.newsroom.evidence.fetch_url", lambda url: page)


def test_evidence_is_added_and_archived_then_redirects_without_js(client, editor, claim, fetched):
    data = {
        "source_name": "Ministry of Health",
        "url": "https://ministry.example/s",
        "quote": "more than 1,000 people were injured",
        "stance": "supports",
    }
    response = client.post(url("workspace_evidence_add", claim), data, follow=True)
    evidence = Evidence.objects.get(claim=claim)
    assert response.redirect_chain[-1][0].endswith(f"#evidence-{evidence.pk}")
    assert evidence.quote_verified is True and evidence.snapshot_hash and evidence.added_by == editor
    assert b"Evidence added" in response.content and b"Quote found in the page" in response.content


def test_evidence_with_htmx_returns_the_evidence_section(client, editor, claim, fetched):
    data = {"url": "https://ministry.example/s", "quote": "2,000 dead", "stance": "refutes"}
    response = client.post(url("workspace_evidence_add", claim), data, **HTMX)
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

    monkeypatch.setattr("claims.newsroom.evidence.fetch_url", refuse)
    response = client.post(
        url("workspace_evidence_add", claim), {"url": "https://down.example", "stance": "context"}, **HTMX
    )
    content = response.content.decode()
    assert Evidence.objects.filter(claim=claim).count() == 1
    assert "Not archived: The server answered 503 instead of the page." in content
    assert 'data-testid="evidence-not-archived"' in content


def test_evidence_without_source_or_url_is_422_with_input_kept(client, editor, claim):
    response = client.post(
        url("workspace_evidence_add", claim), {"quote": "My quote", "stance": "refutes"}, **HTMX
    )
    assert response.status_code == 422
    content = response.content.decode()
    assert "Give a source or a URL" in content
    assert "My quote</textarea>" in content
    assert '<option value="refutes" selected>' in content
    assert not Evidence.objects.exists()


def test_invalid_evidence_without_js_renders_the_whole_page_with_422(client, editor, claim):
    response = client.post(url("workspace_evidence_add", claim), {"url": "not a url", "stance": "refutes"})
    assert response.status_code == 422
    assert b"<html" in response.content and b"Enter a valid URL." in response.content


# --- The verdict editor -------------------------------------------------------------------------------


def test_the_first_verdict_moves_a_claim_in_review_to_verdict_drafted(client, editor, claim):
    claim.start_review(by=editor)
    response = client.post(url("workspace_verdict_save", claim), verdict_data(), **HTMX)
    assert response.status_code == 200
    claim.refresh_from_db()
    assert claim.status == Claim.Status.VERDICT_DRAFTED
    assert claim.verdict.author == editor and claim.verdict.version == 1
    content = response.content.decode()
    assert 'name="version" value="1"' in content
    assert 'id="workspace-status"' in content and 'hx-swap-oob="true"' in content


def test_a_verdict_on_a_new_claim_moves_it_to_verdict_drafted_with_history(client, editor, claim):
    client.post(url("workspace_verdict_save", claim), verdict_data())
    claim.refresh_from_db()
    assert claim.status == Claim.Status.VERDICT_DRAFTED
    assert Verdict.objects.filter(claim=claim).exists()
    assert [h.status for h in claim.history.order_by("history_date")][-2:] == ["new", "verdict_drafted"]
    assert claim.history.latest().history_user == editor


def test_saving_the_verdict_of_a_claim_moved_back_to_new_drafts_it_again(client, editor, claim):
    claim.start_review(by=editor)
    client.post(url("workspace_verdict_save", claim), verdict_data())
    claim.refresh_from_db()
    claim.move_to(Claim.Status.IN_REVIEW)
    claim.move_to(Claim.Status.NEW)
    client.post(url("workspace_verdict_save", claim), verdict_data(version=1, headline="Revised"))
    claim.refresh_from_db()
    assert claim.status == Claim.Status.VERDICT_DRAFTED


def test_saving_without_js_redirects_with_a_message(client, editor, claim):
    response = client.post(url("workspace_verdict_save", claim), verdict_data(), follow=True)
    assert response.redirect_chain[-1][0].endswith("#verdict")
    assert b"Verdict saved." in response.content


def test_an_invalid_verdict_is_422_with_the_form_and_input_kept(client, editor, claim):
    response = client.post(
        url("workspace_verdict_save", claim), verdict_data(headline="", summary="Kept"), **HTMX
    )
    assert response.status_code == 422
    content = response.content.decode()
    assert content.lstrip().startswith('<section id="verdict"')
    assert "This field is required." in content and "Kept</textarea>" in content


def test_an_edit_based_on_the_current_version_is_saved(client, editor, claim):
    verdict = make_verdict(claim, headline="Old")
    client.post(
        url("workspace_verdict_save", claim), verdict_data(headline="New", version=verdict.version), **HTMX
    )
    verdict.refresh_from_db()
    assert (verdict.headline, verdict.version) == ("New", 2)


def test_a_stale_edit_is_refused_with_409_and_a_field_by_field_comparison(client, editor, claim):
    verdict = make_verdict(claim, headline="Opened headline", summary="Same summary")
    rival = make_editor("rival", first_name="Rustam", last_name="Rival")
    verdict.save_edit(1, by=rival, headline="Their headline")
    response = client.post(
        url("workspace_verdict_save", claim),
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
    client.post(url("workspace_verdict_save", claim), verdict_data(headline="Mine", version=1))
    response = client.post(url("workspace_verdict_save", claim), verdict_data(headline="Mine", version=2))
    assert response.status_code == 302
    verdict.refresh_from_db()
    assert verdict.headline == "Mine"


def test_a_conflict_without_js_renders_the_page_with_409(client, editor, claim):
    verdict = make_verdict(claim)
    verdict.save_edit(1, headline="Theirs")
    response = client.post(url("workspace_verdict_save", claim), verdict_data(headline="Mine", version=1))
    assert response.status_code == 409
    assert b"<html" in response.content and b"Another editor saved this verdict" in response.content


def test_creating_a_verdict_someone_else_just_created_is_a_conflict(client, editor, claim):
    make_verdict(claim, headline="Theirs")
    response = client.post(url("workspace_verdict_save", claim), verdict_data(headline="Mine"), **HTMX)
    assert response.status_code == 409
    assert 'value="Mine"' in response.content.decode()


def test_a_long_headline_gets_a_warning_not_an_error(client, editor, claim):
    long_headline = "A" * 80
    response = client.post(url("workspace_verdict_save", claim), verdict_data(headline=long_headline), **HTMX)
    assert response.status_code == 200
    content = response.content.decode()
    assert "The headline has 80 characters" in content
    assert 'data-testid="headline-warning" hidden' not in content


def test_the_live_preview_is_sanitised(client, editor, claim):
    data = verdict_data(
        explanation="**Yes** <script>alert(1)</script> [x](javascript:alert(2)) <b hx-get='/'>b</b>"
    )
    response = client.post(url("workspace_verdict_preview", claim), data, **HTMX)
    content = response.content.decode()
    assert response.status_code == 200
    assert "<strong>Yes</strong>" in content
    assert "<script" not in content and "javascript:" not in content and "hx-get" not in content
    assert 'id="headline-warning"' in content and 'hx-swap-oob="true"' in content


def test_the_preview_without_js_shows_the_page_with_the_typed_text(client, editor, claim):
    response = client.post(
        url("workspace_verdict_preview", claim), verdict_data(headline="", explanation="*draft*")
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert "<em>draft</em>" in content and "This field is required." not in content


# --- Status -------------------------------------------------------------------------------------------


def test_only_allowed_moves_are_offered(client, editor, claim):
    content = client.get(url("workspace", claim)).content.decode()
    assert 'data-testid="move-in_review"' in content and 'data-testid="move-dismissed"' in content
    assert 'data-testid="move-new"' not in content and 'data-testid="publish-verdict"' not in content


def test_starting_review_assigns_and_moves(client, editor, claim):
    response = client.post(url("workspace_move", claim), {"status": "in_review"}, **HTMX)
    assert response.status_code == 200
    claim.refresh_from_db()
    assert claim.status == Claim.Status.IN_REVIEW and claim.assignee == editor
    assert b'id="history"' in response.content


def test_an_illegal_move_is_409_with_a_message(client, editor, claim):
    response = client.post(url("workspace_move", claim), {"status": "published"}, **HTMX)
    assert response.status_code == 409
    assert "cannot move to “Published”" in response.content.decode()
    claim.refresh_from_db()
    assert claim.status == Claim.Status.NEW


def test_an_unknown_status_is_422(client, editor, claim):
    assert client.post(url("workspace_move", claim), {"status": "bogus"}, **HTMX).status_code == 422


def test_a_move_without_js_redirects_with_a_message(client, editor, claim):
    response = client.post(url("workspace_move", claim), {"status": "dismissed"}, follow=True)
    assert b"The claim is now \xe2\x80\x9cDismissed\xe2\x80\x9d." in response.content


def test_publish_is_offered_and_works_once_a_verdict_exists(client, editor, claim):
    claim.start_review(by=editor)
    make_verdict(claim)
    assert b'data-testid="publish-verdict"' in client.get(url("workspace", claim)).content
    make_evidence(claim=claim)
    response = client.post(url("workspace_publish", claim), {"publish-version": 1}, **HTMX)
    assert response.status_code == 200
    claim.refresh_from_db()
    assert claim.status == Claim.Status.PUBLISHED and claim.verdict.is_published


def test_publishing_without_a_verdict_is_409(client, editor, claim):
    claim.start_review(by=editor)
    assert client.post(url("workspace_publish", claim), **HTMX).status_code == 409


def test_assign_to_me(client, editor, claim):
    response = client.post(url("workspace_assign", claim), follow=True)
    claim.refresh_from_db()
    assert claim.assignee == editor
    assert b"The claim is assigned to you." in response.content
    assert b'data-testid="assign-to-me"' not in response.content


# --- History ------------------------------------------------------------------------------------------


def test_history_merges_claim_verdict_and_contradiction_changes_newest_first(client, editor, claim):
    claim.start_review(by=editor)
    client.post(url("workspace_verdict_save", claim), verdict_data(headline="First"))
    client.post(url("workspace_verdict_save", claim), verdict_data(headline="Second", version=1))
    contradiction = make_contradiction(claim, report_elsewhere("Vlast", value=2000))
    contradiction.confirm(by=editor, note="Both cannot be right.")
    history = client.get(url("workspace", claim)).context["history"]
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
    claim.move_to(Claim.Status.IN_REVIEW)
    verdict.publish(by=editor)
    history = client.get(url("workspace", claim)).context["history"]
    changes = {(c.field, c.old, c.new) for entry in history for c in entry.changes}
    assert ("Is published", "no", "yes") in changes
    published = {new for field, _, new in changes if field == "Published at"}
    assert published and all(
        re.fullmatch(r"\d{1,2} [A-Z][a-z]{2} \d{4}, \d\d:\d\d", value) for value in published
    )


def test_history_names_related_rows_never_their_ids(client, editor, claim):
    from claims.events.models import Event
    from claims.history import record_change

    before, after = (Event.objects.create(name=name) for name in ("Floods in Varo", "Storm Lira"))
    claim.event_record = before
    claim.save()
    claim.event_record = after
    record_change(claim, editor).save()
    before.delete()
    history = client.get(url("workspace", claim)).context["history"]
    changes = {(c.field, c.old, c.new) for entry in history for c in entry.changes}
    assert ("Event", "a deleted event", "Storm Lira") in changes  # the old event is gone, the new one named
    assert not any(str(value).startswith("#") for _, old, new in changes for value in (old, new))


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
        response = client.get(url("workspace", claim))
    assert response.status_code == 200
    assert len(response.context["evidence_list"]) == rows


@pytest.mark.parametrize("rows", [10, 200])
def test_htmx_sections_cost_a_fixed_number_of_queries(
    client, editor, claim, rows, django_assert_max_num_queries
):
    fill(claim, rows)
    with django_assert_max_num_queries(21):
        client.post(url("workspace_move", claim), {"status": "in_review"}, **HTMX)


# --- The explanation's limits --------------------------------------------------------------------------


def test_an_explanation_over_the_limit_is_422_with_a_clear_error_and_the_text_kept(client, editor, claim):
    too_long = "word " * 4001  # 20,005 characters
    response = client.post(url("workspace_verdict_save", claim), verdict_data(explanation=too_long), **HTMX)
    assert response.status_code == 422
    content = response.content.decode()
    assert "The explanation has 20,005 characters; the limit is 20,000." in content
    assert too_long.strip() in content  # nothing typed is lost
    assert not Verdict.objects.filter(claim=claim).exists()


def test_hostile_markdown_is_saved_and_the_public_page_still_works(client, editor, claim):
    make_evidence(claim=claim)
    hostile = "- " * 1000 + "x"
    client.post(url("workspace_verdict_save", claim), verdict_data(explanation=hostile), **HTMX)
    client.post(url("workspace_publish", claim), {"publish-version": 1}, **HTMX)
    verdict = Verdict.objects.get(claim=claim)
    assert verdict.is_published and verdict.explanation_html
    assert client.get(verdict.get_absolute_url()).status_code == 200


def test_a_renderer_failure_on_save_is_a_form_error_not_a_500(client, editor, claim, monkeypatch):
    from claims.rendering import MARKDOWN

    def broken(text):
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr(MARKDOWN, "render", broken)
    response = client.post(url("workspace_verdict_save", claim), verdict_data(explanation="* x"), **HTMX)
    assert response.status_code == 422
    assert b"could not be turned into a page" in response.content
    assert b"* x</textarea>" in response.content
    assert not Verdict.objects.filter(claim=claim).exists()


def test_a_renderer_failure_on_an_edit_saves_nothing(client, editor, claim, monkeypatch):
    from claims.rendering import MARKDOWN

    verdict = make_verdict(claim, explanation="Fine.")
    monkeypatch.setattr(MARKDOWN, "render", lambda text: 1 / 0)
    response = client.post(
        url("workspace_verdict_save", claim), verdict_data(explanation="Breaks", version=1), **HTMX
    )
    assert response.status_code == 422
    verdict.refresh_from_db()
    assert (verdict.version, verdict.explanation) == (1, "Fine.")


# --- Publishing: the guard, the public version, withdrawing -------------------------------------------


def drafted(claim, editor, **fields):
    claim.start_review(by=editor)
    return make_verdict(claim, author=editor, **fields)


def test_publishing_with_an_open_high_contradiction_and_no_evidence_asks_first(client, editor, claim):
    verdict = drafted(claim, editor)
    make_contradiction(claim, make_claim(), severity="high")
    response = client.post(url("workspace_publish", claim), {"publish-version": verdict.version}, **HTMX)
    assert response.status_code == 422
    content = response.content.decode()
    assert "This claim has 1 open high-severity contradiction and no evidence. Publish anyway?" in content
    assert 'data-testid="publish-anyway"' in content
    verdict.refresh_from_db()
    assert not verdict.is_published


def test_confirming_publishes_and_links_to_the_public_page(client, editor, claim):
    verdict = drafted(claim, editor)
    make_contradiction(claim, make_claim(), severity="high")
    response = client.post(
        url("workspace_publish", claim), {"publish-version": verdict.version, "publish-confirm": "on"}, **HTMX
    )
    assert response.status_code == 200
    verdict.refresh_from_db()
    assert verdict.is_published
    content = response.content.decode()
    assert f'Published — <a href="{verdict.get_absolute_url()}" data-testid="public-link">' in content
    assert "view it on the public site" in content


def test_the_guard_works_without_javascript(client, editor, claim):
    verdict = drafted(claim, editor)
    response = client.post(url("workspace_publish", claim), {"publish-version": verdict.version})
    assert response.status_code == 422
    assert b"<html" in response.content and b"This claim has no evidence. Publish anyway?" in response.content
    response = client.post(
        url("workspace_publish", claim),
        {"publish-version": verdict.version, "publish-confirm": "on"},
        follow=True,
    )
    assert b"view it on the public site" in response.content


def test_a_claim_with_evidence_and_no_open_high_contradiction_publishes_in_one_click(client, editor, claim):
    verdict = drafted(claim, editor)
    make_evidence(claim=claim)
    make_contradiction(claim, make_claim(), severity="medium")
    response = client.post(url("workspace_publish", claim), {"publish-version": verdict.version}, **HTMX)
    assert response.status_code == 200
    verdict.refresh_from_db()
    assert verdict.is_published


def test_the_desk_says_which_version_is_public_while_a_draft_is_in_progress(client, editor, claim):
    verdict = drafted(claim, editor)
    make_evidence(claim=claim)
    verdict.publish(by=editor)
    claim.move_to(Claim.Status.IN_REVIEW, by=editor)
    verdict.save_edit(verdict.version, by=editor, headline="Draft in the works")
    content = client.get(url("workspace", claim)).content.decode()
    published_on = f"{verdict.last_published_at:%-d %b %Y}"
    assert "Public: version 1, published" in content and published_on in content
    assert "draft in progress (version 2)" in content
    assert ">Published</span>" not in content


def test_republishing_needs_a_reason_that_readers_then_see(client, editor, claim):
    verdict = drafted(claim, editor, rating="true")
    make_evidence(claim=claim)
    verdict.publish(by=editor)
    claim.move_to(Claim.Status.IN_REVIEW, by=editor)
    verdict.save_edit(verdict.version, by=editor, rating="false")
    response = client.post(url("workspace_publish", claim), {"publish-version": 2}, **HTMX)
    assert response.status_code == 422
    assert b"Say what changed and why" in response.content
    client.post(
        url("workspace_publish", claim), {"publish-version": 2, "publish-reason": "New count."}, **HTMX
    )
    page = client.get(verdict.get_absolute_url()).content.decode()
    assert "Why: New count." in page and "rating changed from “True” to “False”" in page


def test_publishing_a_draft_that_changed_meanwhile_is_refused(client, editor, claim):
    verdict = drafted(claim, editor)
    make_evidence(claim=claim)
    verdict.save_edit(1, headline="Someone else's newer draft")
    response = client.post(url("workspace_publish", claim), {"publish-version": 1}, **HTMX)
    assert response.status_code == 409
    verdict.refresh_from_db()
    assert not verdict.is_published


def test_editing_a_published_verdict_without_reopening_is_refused(client, editor, claim):
    verdict = drafted(claim, editor)
    verdict.publish(by=editor)
    response = client.post(
        url("workspace_verdict_save", claim),
        verdict_data(headline="Live edit", version=verdict.version),
        **HTMX,
    )
    assert response.status_code == 409
    assert b"reopen the claim for review" in response.content
    verdict.refresh_from_db()
    assert verdict.published_headline != "Live edit" and verdict.headline != "Live edit"


def test_dismissing_a_claim_with_a_public_verdict_asks_why_and_withdraws_it(client, editor, claim):
    verdict = drafted(claim, editor)
    verdict.publish(by=editor)
    claim.move_to(Claim.Status.IN_REVIEW, by=editor)
    page = client.get(url("workspace", claim)).content.decode()
    assert 'data-testid="withdraw-reason"' in page
    response = client.post(url("workspace_move", claim), {"status": "dismissed"}, **HTMX)
    assert response.status_code == 409
    assert b"Say why the verdict is withdrawn" in response.content
    response = client.post(
        url("workspace_move", claim), {"status": "dismissed", "reason": "The figure was retracted."}, **HTMX
    )
    assert response.status_code == 200
    verdict.refresh_from_db()
    assert verdict.is_withdrawn and verdict.withdrawal_reason == "The figure was retracted."
    assert client.get(verdict.get_absolute_url()).status_code == 410


# --- Conflicting saves ------------------------------------------------------------------------------------


def test_a_refused_save_replaces_the_earlier_saved_notice(client, editor, claim):
    saved = client.post(url("workspace_verdict_save", claim), verdict_data(), **HTMX).content.decode()
    assert "Verdict saved." in saved
    Verdict.objects.get(claim=claim).save_edit(1, by=make_editor("editor2"), headline="Theirs")
    refused = client.post(url("workspace_verdict_save", claim), verdict_data(version=1), **HTMX)
    assert refused.status_code == 409
    content = refused.content.decode()
    announcer = content[content.index('id="workspace-announcer"') :]
    assert 'hx-swap-oob="innerHTML"' in announcer[:200]
    assert "Verdict saved." not in content
    assert "The verdict was not saved: another editor saved it first." in announcer


def test_the_version_line_names_who_wrote_the_current_version(client, editor, claim):
    verdict = make_verdict(claim, author=editor)
    verdict.save_edit(1, by=make_editor("editor2"), headline="Theirs")
    content = client.get(url("workspace", claim)).content.decode()
    assert "Version 2 · by editor2" in content


def test_the_conflict_table_stacks_instead_of_scrolling(client, editor, claim):
    verdict = make_verdict(claim, headline="Opened")
    verdict.save_edit(1, headline="Theirs")
    content = client.post(
        url("workspace_verdict_save", claim), verdict_data(headline="Mine", version=1), **HTMX
    ).content.decode()
    table = content[content.index('data-testid="conflict-changes"') - 200 :]
    assert 'class="table-scroll"' not in table[:200]
    assert 'data-label="Their version (saved)"' in table and 'data-label="Yours (not saved)"' in table


def test_the_workspace_shows_the_stored_html_and_never_re_renders_a_saved_text(
    client, editor, claim, monkeypatch
):
    from claims.rendering import MARKDOWN

    make_verdict(claim, explanation="Saved **text**.")
    monkeypatch.setattr(MARKDOWN, "render", lambda text: 1 / 0)  # the renderer breaks after the save
    response = client.get(url("workspace", claim))
    assert response.status_code == 200
    assert "Saved <strong>text</strong>." in response.content.decode()
    typed = client.post(url("workspace_verdict_preview", claim), verdict_data(explanation="* x"), **HTMX)
    assert typed.status_code == 200 and b"could not be turned into a page" in typed.content


def test_republishing_without_changes_readers_would_see_needs_no_reason(client, editor, claim):
    verdict = drafted(claim, editor)
    make_evidence(claim=claim)
    verdict.publish(by=editor)
    claim.move_to(Claim.Status.IN_REVIEW, by=editor)
    page = client.get(url("workspace", claim)).content.decode()
    assert 'data-testid="publish-reason"' not in page
    response = client.post(url("workspace_publish", claim), {"publish-version": verdict.version}, **HTMX)
    assert response.status_code == 200


def test_a_withdrawal_reason_that_is_too_long_is_refused_and_kept(client, editor, claim):
    verdict = drafted(claim, editor)
    verdict.publish(by=editor)
    claim.move_to(Claim.Status.IN_REVIEW, by=editor)
    reason = "Retracted. " * 60
    response = client.post(url("workspace_move", claim), {"status": "dismissed", "reason": reason}, **HTMX)
    assert response.status_code == 422
    content = response.content.decode()
    assert "Keep the reason for the withdrawal under 500 characters." in content
    assert reason in content
    verdict.refresh_from_db()
    assert verdict.is_published


def test_a_too_long_correction_reason_is_refused_and_kept(client, editor, claim):
    verdict = drafted(claim, editor, rating="true")
    verdict.publish(by=editor)
    claim.move_to(Claim.Status.IN_REVIEW, by=editor)
    verdict.save_edit(verdict.version, by=editor, rating="false")
    reason = "The ministry revised its count. " * 4
    response = client.post(
        url("workspace_publish", claim), {"publish-version": 2, "publish-reason": reason}, **HTMX
    )
    assert response.status_code == 422
    content = response.content.decode()
    assert f"Keep the reason under 100 characters (it has {len(reason.strip())})." in content
    assert "Say what changed and why" not in content  # one error at a time
    assert reason in content


def test_a_published_verdict_is_read_only_until_reopened(client, editor, claim):
    verdict = drafted(claim, editor)
    verdict.publish(by=editor)
    page = client.get(url("workspace", claim)).content.decode()
    assert '<fieldset class="plain-fieldset" disabled>' in page
    assert 'data-testid="verdict-locked"' in page
    claim.move_to(Claim.Status.IN_REVIEW, by=editor)
    page = client.get(url("workspace", claim)).content.decode()
    assert '<fieldset class="plain-fieldset">' in page
    assert "You are editing a draft: readers see version 1 until you publish again." in page


def test_the_evidence_suggestions_name_a_new_or_renamed_source_on_the_next_page(client, editor, claim):
    ministry = make_source("Ministry of Health")
    assert '<option value="Ministry of Health">' in client.get(url("workspace", claim)).content.decode()
    ministry.name = "Ministry of Healthcare"
    ministry.save()
    make_source("Almaty police")
    body = client.get(url("workspace", claim)).content.decode()
    assert '<option value="Ministry of Healthcare">' in body and '<option value="Almaty police">' in body


def test_a_contradiction_card_shows_a_change_on_the_next_page(client, editor, claim):
    contradiction = make_contradiction(claim, make_claim())
    assert 'data-status="open"' in client.get(url("workspace", claim)).content.decode()
    contradiction.dismiss(by=editor, note="Two different days.")
    body = client.get(url("workspace", claim)).content.decode()
    assert 'data-status="dismissed"' in body and "Two different days." in body
