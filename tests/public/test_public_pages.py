"""The reader site's pages: only published verdicts, filters, the verdict page's sections, caching."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from claims.models import Contradiction, Source
from tests.factories import (
    make_draft_verdict,
    make_editor,
    make_evidence,
    make_figure,
    make_published_verdict,
    make_source,
    make_user,
    reopen_and_edit,
    republish,
    withdraw,
)

pytestmark = pytest.mark.django_db


# --- Home -------------------------------------------------------------------------------------------------


def test_home_lists_published_verdicts_only(client):
    published = make_published_verdict(headline="Published verdict on the injured")
    make_draft_verdict(headline="Draft nobody may see")
    page = client.get("/").content.decode()
    assert published.headline in page
    assert "Draft nobody may see" not in page
    assert published.claim.text in page


def test_home_card_shows_rating_as_text_speaker_and_date(client):
    make_published_verdict(rating="false")
    page = client.get("/").content.decode()
    assert 'class="badge rating-false"' in page
    assert "Rating: </span>False" in page
    assert "Said by Minister" in page
    assert "checked <time" in page


def test_home_filters_by_rating(client):
    make_published_verdict(rating="false", headline="A false one")
    make_published_verdict(rating="true", headline="A true one")
    page = client.get("/?rating=false").content.decode()
    assert "A false one" in page
    assert "A true one" not in page


def test_home_filters_by_source(client):
    minister = make_source("Interior Minister", kind=Source.Kind.PERSON)
    make_published_verdict(speaker=minister, headline="By the minister")
    make_published_verdict(headline="By someone else")
    page = client.get(f"/?source={minister.slug}").content.decode()
    assert "By the minister" in page
    assert "By someone else" not in page


def test_home_ignores_unknown_filters(client):
    make_published_verdict(headline="Still listed")
    response = client.get("/?rating=bogus&source=nobody")
    assert response.status_code == 200
    assert "Still listed" in response.content.decode()


def test_home_paginates_and_keeps_the_filter_in_page_links(client):
    for _ in range(21):
        make_published_verdict(rating="false")
    page = client.get("/?rating=false").content.decode()
    assert "Page 1 of 2" in page
    assert "?rating=false&amp;page=2" in page


def test_home_htmx_request_gets_the_list_partial(client):
    make_published_verdict(headline="In the partial")
    response = client.get("/?rating=mostly_true", HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert "In the partial" in body
    assert "<html" not in body


def test_home_query_count_is_constant(client, django_assert_max_num_queries):
    for _ in range(10):
        make_published_verdict()
    with CaptureQueriesContext(connection) as few:
        client.get("/")
    for _ in range(190):
        make_published_verdict()
    with django_assert_max_num_queries(len(few)):
        client.get("/")


# --- Verdict page ---------------------------------------------------------------------------------------


def test_verdict_page_shows_the_claim_as_quoted(client):
    verdict = make_published_verdict(summary="The count matches the ministry.")
    page = client.get(verdict.get_absolute_url()).content.decode()
    assert verdict.claim.text in page
    assert verdict.claim.speaker.name in page
    assert "interior minister" in page
    assert verdict.claim.article.url in page
    assert "The count matches the ministry." in page
    assert "Rating: </span>Mostly true" in page


def visible(html):
    return " ".join(re.sub(r"<[^>]+>", "", html).split())


def claimant_line(page):
    return visible(page.split('<figcaption class="claimant">')[1].split("</figcaption>")[0])


def test_verdict_page_names_the_claimant_with_role_and_the_outlet_as_reporter(client):
    reyes = make_source("Tomas Reyes", kind=Source.Kind.PERSON)
    verdict = make_published_verdict(speaker=reyes, publisher=make_source("Daily Ledger"))
    verdict.claim.speaker_role = "spokesman for the emergency service"
    verdict.claim.save()
    line = claimant_line(client.get(verdict.get_absolute_url()).content.decode())
    assert line.startswith("Said by Tomas Reyes, spokesman for the emergency service")
    assert f"Reported by Daily Ledger in {verdict.claim.article.title}, 6 January 2022" in line


def test_verdict_page_says_in_words_when_nobody_is_named(client):
    verdict = make_published_verdict(speaker=False, publisher=make_source("Steppe Courier"))
    page = client.get(verdict.get_absolute_url()).content.decode()
    line = claimant_line(page)
    assert line.startswith("Unattributed: we have not identified who made this claim")
    assert "Reported by Steppe Courier" in line
    assert "Said by Steppe Courier" not in visible(page)


def test_home_card_keeps_claimant_and_reporter_apart(client):
    make_published_verdict(speaker=False, publisher=make_source("Steppe Courier"))
    assert "Unattributed · reported by Steppe Courier" in visible(client.get("/").content.decode())


def test_draft_verdict_is_404(client):
    draft = make_draft_verdict()
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_unknown_slug_is_404(client):
    assert client.get("/verdicts/no-such-verdict/").status_code == 404


def test_draft_verdict_is_404_even_for_editors(client):
    client.force_login(make_editor())
    assert client.get(make_draft_verdict().get_absolute_url()).status_code == 404


def test_explanation_is_rendered_as_markdown_and_sanitised(client):
    verdict = make_published_verdict(
        explanation="The **ministry** said so.\n\n<script>alert(1)</script>\n\n[link](javascript:alert(1))"
    )
    page = client.get(verdict.get_absolute_url()).content.decode()
    assert "<strong>ministry</strong>" in page
    assert "alert(1)" not in page.split('type="application/ld+json"')[0].split("</script>")[-1]
    explanation = page.split('data-testid="explanation">')[1].split("</div>")[0]
    assert "<script" not in explanation
    assert "javascript:" not in explanation


def test_verdict_page_lists_evidence_with_links(client):
    verdict = make_published_verdict()
    make_evidence(claim=verdict.claim, url="https://ministry.example/briefing", quote="1,000 were hurt")
    page = client.get(verdict.get_absolute_url()).content.decode()
    assert 'href="https://ministry.example/briefing"' in page
    assert "1,000 were hurt" in page


def test_verdict_page_shows_how_the_figure_was_reported(client):
    verdict = make_published_verdict()
    verdict.claim.event = "Almaty clashes"
    verdict.claim.save()
    make_figure(claim=verdict.claim, text="more than 1,000", value=1000, low=1000)
    other = make_published_verdict(text="About 700 people were injured, the outlet reported.")
    other.claim.event = "Almaty clashes"
    other.claim.save()
    make_figure(claim=other.claim, text="About 700", value=700)
    page = client.get(verdict.get_absolute_url()).content.decode()
    assert "How this figure was reported" in page
    assert "1,000" in page
    assert "700" in page


def test_verdict_page_shows_only_confirmed_contradictions(client):
    verdict = make_published_verdict()
    confirmed_with = make_published_verdict(text="Only 300 were injured, police said.")
    open_with = make_published_verdict(text="Some 5,000 were injured, activists said.")
    confirmed = Contradiction.objects.create(
        **dict(
            zip(
                ["claim_a", "claim_b"],
                Contradiction.ordered_pair(verdict.claim, confirmed_with.claim),
                strict=True,
            )
        ),
        kind="count",
        explanation="1,000 and 300 injured cannot both be right.",
    )
    confirmed.confirm(note="The police count excludes those treated at home.")
    Contradiction.objects.create(
        **dict(
            zip(
                ["claim_a", "claim_b"],
                Contradiction.ordered_pair(verdict.claim, open_with.claim),
                strict=True,
            )
        ),
        kind="count",
        explanation="Still being looked at.",
    )
    page = client.get(verdict.get_absolute_url()).content.decode()
    assert "1,000 and 300 injured cannot both be right." in page
    assert "The police count excludes those treated at home." in page
    assert "Still being looked at." not in page


def test_unchanged_verdict_has_no_correction_note(client):
    verdict = make_published_verdict()
    page = client.get(verdict.get_absolute_url()).content.decode()
    assert 'data-testid="correction-note"' not in page
    assert "has not been changed since it was published" in page
    assert 'href="/corrections/"' in page


def test_changed_verdict_shows_changelog_with_reason_and_note(client):
    verdict = make_published_verdict(rating="true")
    republish(verdict, "The ministry revised its count.", rating="half_true")
    page = client.get(verdict.get_absolute_url()).content.decode()
    assert 'data-testid="correction-note"' in page
    assert "including its rating" in page
    assert "rating changed from “True” to “Half true”" in page
    assert "Why: The ministry revised its count." in page
    assert 'data-testid="last-updated"' in page


def test_edits_before_publication_are_not_in_the_changelog(client):
    draft = make_draft_verdict(rating="true")
    draft._change_reason = "draft edit"
    draft.save_edit(draft.version, rating="false")
    draft.publish()
    page = client.get(draft.get_absolute_url()).content.decode()
    assert "has not been changed since it was published" in page
    assert "draft edit" not in page


def test_verdict_page_query_count_does_not_grow_with_evidence(client, django_assert_max_num_queries):
    verdict = make_published_verdict()
    make_evidence(claim=verdict.claim)
    with CaptureQueriesContext(connection) as few:
        client.get(verdict.get_absolute_url())
    for n in range(30):
        make_evidence(claim=verdict.claim, source=make_source(f"Agency {n}"))
    with django_assert_max_num_queries(len(few)):
        client.get(verdict.get_absolute_url())


# --- Sources and the corrections policy ----------------------------------------------------------------


def test_source_list_shows_only_sources_with_published_verdicts(client):
    minister = make_source("Published Minister", kind=Source.Kind.PERSON)
    make_published_verdict(speaker=minister)
    hidden = make_source("Draft Only Source")
    draft = make_draft_verdict()
    draft.claim.speaker = hidden
    draft.claim.save()
    page = client.get("/sources/").content.decode()
    assert "Published Minister" in page
    assert "Draft Only Source" not in page


def test_source_page_shows_rating_mix_as_text_and_bars(client):
    minister = make_source("Counting Minister", kind=Source.Kind.PERSON)
    make_published_verdict(speaker=minister, rating="false")
    make_published_verdict(speaker=minister, rating="false")
    make_published_verdict(speaker=minister, rating="true")
    draft = make_draft_verdict(rating="true")
    draft.claim.speaker = minister
    draft.claim.save()
    page = client.get(minister.get_absolute_url()).content.decode()
    assert '<meter class="rating-bar" min="0" max="3" value="2"' in page
    assert "False: 2 of 3" in page
    assert "True: 1 of 3" in page


def test_source_page_does_not_show_draft_verdicts(client):
    minister = make_source("Minister With Draft", kind=Source.Kind.PERSON)
    draft = make_draft_verdict(headline="Hidden draft headline")
    draft.claim.speaker = minister
    draft.claim.save()
    page = client.get(minister.get_absolute_url()).content.decode()
    assert "Hidden draft headline" not in page


def test_source_list_query_count_is_constant(client, django_assert_max_num_queries):
    for _ in range(10):
        make_published_verdict()
    with CaptureQueriesContext(connection) as few:
        client.get("/sources/")
    for _ in range(60):
        make_published_verdict()
    with django_assert_max_num_queries(len(few)):
        client.get("/sources/")


def test_corrections_policy_page_exists(client):
    assert "Corrections policy" in client.get("/corrections/").content.decode()


# --- Cache headers --------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/", "/sources/", "/corrections/", "/search/?q=injured"])
def test_anonymous_pages_are_publicly_cacheable(client, path):
    make_published_verdict()
    response = client.get(path)
    assert "public" in response["Cache-Control"]
    assert "max-age=300" in response["Cache-Control"]
    assert {"Cookie", "HX-Request"} <= {v.strip() for v in response["Vary"].split(",")}


def test_verdict_page_is_publicly_cacheable(client):
    verdict = make_published_verdict()
    assert "public" in client.get(verdict.get_absolute_url())["Cache-Control"]


def test_logged_in_pages_are_private(client):
    client.force_login(make_user())
    response = client.get("/")
    assert "private" in response["Cache-Control"]
    assert "public" not in response["Cache-Control"]


def test_not_found_is_not_cached_publicly(client):
    response = client.get("/verdicts/no-such-verdict/")
    assert "public" not in response.get("Cache-Control", "")


def test_home_htmx_partial_announces_the_new_count(client):
    make_published_verdict(rating="false")
    make_published_verdict(rating="true")
    body = client.get("/?rating=false", HTTP_HX_REQUEST="true").content.decode()
    assert 'hx-swap-oob="true"' in body
    assert "1 published verdict matches these filters." in body


def test_a_source_without_published_verdicts_has_no_public_page(client, db):
    from tests.factories import make_source

    desk_only = make_source("Known only to the desk")
    assert client.get(desk_only.get_absolute_url()).status_code == 404


def test_source_list_counts_a_verdict_once_when_its_speaker_is_also_its_publisher(client):
    outlet = make_source("Self Quoting Outlet")
    make_published_verdict(speaker=outlet, publisher=outlet)
    make_published_verdict(publisher=outlet)
    page = client.get("/sources/").content.decode()
    assert "Self Quoting Outlet</a>" in page
    assert "2 verdicts" in page.split("Self Quoting Outlet</a>")[1].split("</li>")[0]


def source_facet_queries(queries):
    return [q["sql"] for q in queries.captured_queries if 'FROM "claims_source"' in q["sql"]]


def test_home_source_facet_is_kept_until_something_changes(client):
    make_published_verdict(speaker=make_source("Early Minister", kind=Source.Kind.PERSON))
    client.get("/")
    with CaptureQueriesContext(connection) as queries:
        page = client.get("/?page=1").content.decode()  # another URL: the page cache misses
    assert ">Early Minister</option>" in page
    assert not source_facet_queries(queries)
    make_published_verdict(speaker=make_source("Late Minister", kind=Source.Kind.PERSON))
    assert ">Late Minister</option>" in client.get("/?page=2").content.decode()


def test_home_filters_by_a_source_from_the_facet(client):
    minister = make_source("Facet Minister", kind=Source.Kind.PERSON)
    make_published_verdict(speaker=minister, headline="The minister's count")
    make_published_verdict(headline="Someone else's count")
    page = client.get("/", {"source": minister.slug}).content.decode()
    assert "The minister&#x27;s count" in page or "The minister's count" in page
    assert "Someone else" not in page
    assert f'value="{minister.slug}" selected' in page


def test_verdict_page_says_how_the_claim_travelled(client):
    from tests.factories import make_relay

    giniyat = make_source("Azhar Giniyat", kind=Source.Kind.PERSON)
    verdict = make_published_verdict(speaker=giniyat, publisher=make_source("Steppe Courier"))
    make_relay(verdict.claim, make_source("Khabar 24", kind=Source.Kind.BROADCASTER))
    line = claimant_line(client.get(verdict.get_absolute_url()).content.decode())
    assert "Said by Azhar Giniyat, interior minister (said on Khabar 24) Reported by Steppe Courier" in line


def test_search_results_keep_claimant_and_reporter_apart(client):
    make_published_verdict(
        text="Dozens of protesters were killed overnight.",
        speaker=False,
        publisher=make_source("Steppe Courier"),
    )
    page = visible(client.get("/search/?q=protesters").content.decode())
    assert "Unattributed · reported by Steppe Courier" in page


# --- Reopened, republished and withdrawn verdicts -------------------------------------------------------


def everything_public(client, verdict):
    """Every place a verdict leaves the site, as text."""
    return {
        "page": client.get(verdict.get_absolute_url()).content.decode(),
        "home": client.get("/").content.decode(),
        "api": client.get(f"/api/verdicts/{verdict.slug}").content.decode(),
        "api list": client.get("/api/verdicts").content.decode(),
        "claimreview feed": client.get("/api/claimreview").content.decode(),
        "atom": client.get("/feeds/verdicts.atom").content.decode(),
        "rss": client.get("/feeds/verdicts.rss").content.decode(),
        "search": client.get("/search/", {"q": "holds"}).content.decode(),
    }


def test_a_reopened_verdict_shows_the_published_version_everywhere_until_republished(client):
    verdict = make_published_verdict(
        headline="Injury count holds up", summary="Published summary.", explanation="Published **body**."
    )
    reopen_and_edit(
        verdict, headline="Draft headline holds", summary="Draft summary.", explanation="Draft body."
    )
    for where, text in everything_public(client, verdict).items():
        assert "Injury count holds up" in text, where
        for draft in ("Draft headline", "Draft summary", "Draft body"):
            assert draft not in text, (where, draft)
    assert client.get(verdict.get_absolute_url()).status_code == 200
    assert "Published <strong>body</strong>." in client.get(verdict.get_absolute_url()).content.decode()


def test_republishing_puts_the_new_version_out_with_a_changelog_entry(client):
    verdict = make_published_verdict(headline="Injury count holds up", rating="true")
    republish(
        verdict, "The ministry revised its count.", headline="Injury count partly holds", rating="half_true"
    )
    page = client.get(verdict.get_absolute_url()).content.decode()
    assert "Injury count partly holds" in page and "Injury count holds up" not in page
    assert "rating changed from “True” to “Half true”" in page
    assert "Why: The ministry revised its count." in page


def test_a_draft_saved_while_public_is_not_a_correction(client):
    verdict = make_published_verdict(headline="Injury count holds up")
    reopen_and_edit(verdict, headline="Not yet out")
    assert (
        "has not been changed since it was published"
        in client.get(verdict.get_absolute_url()).content.decode()
    )


def test_a_withdrawn_verdict_answers_410_with_the_reason_and_is_gone_everywhere_else(client):
    verdict = make_published_verdict(headline="Injury count holds up")
    withdraw(verdict, "The ministry retracted the statement we checked.")
    response = client.get(verdict.get_absolute_url())
    assert response.status_code == 410
    page = response.content.decode()
    assert "Verdict withdrawn" in page
    assert "The ministry retracted the statement we checked." in page
    assert 'href="/corrections/"' in page
    assert "Injury count holds up" not in page
    api = client.get(f"/api/verdicts/{verdict.slug}")
    assert api.status_code == 410 and "retracted the statement" in api.json()["detail"]
    for where, text in everything_public(client, verdict).items():
        if where not in ("page", "api"):
            assert "Injury count holds up" not in text, where
    assert verdict.get_absolute_url() not in client.get("/sitemap.xml").content.decode()


def test_republishing_a_withdrawn_verdict_brings_it_back(client):
    verdict = make_published_verdict(headline="Injury count holds up")
    withdraw(verdict, "Retracted statement.")
    verdict.claim.reopen()
    verdict.claim.start_review()
    verdict.save_edit(verdict.version, headline="A new check of the count")
    verdict.publish(reason="Checked again against the new statement.")
    response = client.get(verdict.get_absolute_url())
    assert response.status_code == 200
    assert "A new check of the count" in response.content.decode()


def test_the_corrections_policy_promises_what_the_site_does(client):
    page = client.get("/corrections/").content.decode()
    assert "withdraw" in page
    assert "stays public" in page


# --- Addresses ---------------------------------------------------------------------------------------------


def test_an_old_address_redirects_permanently_after_a_slug_change(client):
    verdict = make_published_verdict(headline="Injury count holds up")
    old_url = verdict.get_absolute_url()
    verdict.slug = "injury-count-checked"
    verdict.save()
    response = client.get(old_url)
    assert response.status_code == 301
    assert response["Location"] == "/verdicts/injury-count-checked/"
    assert client.get(response["Location"]).status_code == 200


def test_an_unknown_address_is_still_404(client):
    assert client.get("/verdicts/never-existed/").status_code == 404
