"""Each stored figure keeps the construction rule that read it, and the workspace says why it is a figure."""

import pytest
from django.urls import reverse

from claims.analysis.constructions import RULES, explain_rule
from claims.models import Figure
from claims.newsroom.ingest import ingest_article
from tests.factories import make_editor

pytestmark = pytest.mark.django_db

FLOOD = "The flood toll in Marrow has climbed to 57, officials said on Tuesday.\n"


def test_every_rule_explains_itself_in_words():
    for rule in RULES:
        assert explain_rule(rule.name), f"rule {rule.name} has no explanation (its reader needs a docstring)"
    assert explain_rule(None) == "" and explain_rule("no-such-rule") == ""


def test_ingest_stores_the_rule_that_read_each_figure():
    article = ingest_article(FLOOD, title="Marrow floods", publisher="River Post").article
    figure = Figure.objects.get(claim__article=article)
    assert figure.rule == "toll_verb"
    assert figure.why == explain_rule("toll_verb")


def test_the_workspace_says_why_a_figure_was_read(client):
    article = ingest_article(FLOOD, title="Marrow floods", publisher="River Post").article
    figure = Figure.objects.get(claim__article=article)
    client.force_login(make_editor())
    page = client.get(reverse("desk:workspace", args=[figure.claim_id])).content.decode()
    assert 'data-testid="figure-why"' in page
    assert explain_rule("toll_verb").split(":")[0].strip("'\u2018\u2019") in page.replace("&#x27;", "'")
