"""The matching benchmark (claims/benchmarks/matching.py): relay pairs scored, the matching step timed, its
plans read; and the fill it runs at scale gives every generated claim and figure an event record."""

import json

import pytest
from django.db import connection

from claims.benchmarks.matching import cost_summary, explain_matching, run

pytestmark = pytest.mark.django_db

ARTICLES = {
    "fire": {
        "wire-2023-08-20.md": (
            "Lahaina fire toll reaches 115",
            "Officials in Lahaina said 115 people were killed in the fire, county police said.",
        ),
        "post-2023-08-22.md": (
            "Maui toll holds",
            "The toll from the fire on Maui, which destroyed Lahaina, stands at 115 people killed, officials said.",
        ),
    },
    "flood": {
        "daily-2022-06-20.md": (
            "Flood in Sylhet",
            "The disaster ministry said 115 people were killed in the flood in Sylhet.",
        ),
    },
}
QUOTES = {
    "wire-2023-08-20.md": "115 people were killed",
    "post-2023-08-22.md": "stands at 115 people killed",
    "daily-2022-06-20.md": "115 people were killed",
}


@pytest.fixture
def corpora(tmp_path):
    for corpus, articles in ARTICLES.items():
        folder = tmp_path / corpus
        folder.mkdir()
        figures = []
        for name, (title, body) in articles.items():
            day = name[-13:-3]
            (folder / name).write_text(
                f'---\ntitle: "{title}"\npublisher: {name.split("-")[0].title()} News\n'
                f"published: {day}T12:00:00+00:00\n---\n{title}\n\n{body}\n"
            )
            figures.append({"article": name, "quote": QUOTES[name], "measure": "killed", "value": 115})
        (folder / "gold.json").write_text(json.dumps({"figures": figures}))
    return tmp_path


def test_relays_of_one_event_are_found_and_another_events_figure_is_not(corpora):
    results, cross_event, samples = run(corpora)
    fire = next(s for s in results if s.corpus == "fire")
    assert (fire.relay_pairs, fire.found, fire.matches, fire.right) == (1, 1, 1, 1)
    assert cross_event == 0
    assert len(samples) == 3 and all(s.queries >= 1 for s in samples)
    cost = cost_summary(samples)
    assert cost["articles"] == 3 and cost["claims"] == sum(s.claims for s in samples)
    assert cost["article_ms"][0] <= cost["article_ms"][2]


def test_the_plans_of_matching_read_blocks_by_index(corpora):
    _, _, samples = run(corpora)
    if connection.vendor == "postgresql":
        # A few rows are cheaper to scan; what matters is that an index can answer every query.
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL enable_seqscan = off")
    plans, scans = explain_matching(samples)
    assert [name for name, _ in plans][0] == "block candidates"
    # On a handful of rows the planner may answer through another index (the claim's); at a million
    # claims it is the block index (README). What must never happen is a sequential scan.
    assert "index" in plans[0][1].lower() and "seq scan" not in plans[0][1].lower()
    assert scans == []


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the fill writes with PostgreSQL's COPY")
def test_the_fill_gives_generated_claims_and_figures_event_records():
    from claims.benchmarks.fill import CLAIMS_PER_EVENT, fill_newsroom
    from claims.events.models import Event, EventAlias
    from claims.models import Claim, Figure

    fill_newsroom(2 * CLAIMS_PER_EVENT)
    assert Event.objects.count() == 2 and EventAlias.objects.count() == 2
    assert not Claim.objects.filter(event_record=None).exists()
    assert not Figure.objects.filter(event_record=None).exists()
    assert all(e.start_date.year < 2020 for e in Event.objects.all())
