"""The one mapping between the analysis's records and the rows (claims/newsroom/mapping.py)."""

from dataclasses import fields
from datetime import date

import pytest

from claims import analysis
from claims.models import Figure
from claims.newsroom.mapping import MODELS, NOT_A_COLUMN, RENAMED, figure_facts, figure_row
from tests.factories import make_claim


@pytest.mark.parametrize("record", [analysis.ClaimFacts, analysis.FigureFacts], ids=lambda r: r.__name__)
def test_every_field_of_the_analysis_has_a_column_or_says_where_it_goes(record):
    columns = {field.name for field in MODELS[record]._meta.get_fields()}
    renamed, elsewhere = RENAMED[record], NOT_A_COLUMN[record]
    unmapped = [
        f.name
        for f in fields(record)
        if f.name not in elsewhere and renamed.get(f.name, f.name) not in columns
    ]
    assert unmapped == [], f"{record.__name__} fields with no column: add one, or say why in mapping.py"


def test_a_renamed_column_names_a_real_field_both_sides():
    for record, renamed in RENAMED.items():
        record_fields = {f.name for f in fields(record)}
        columns = {field.name for field in MODELS[record]._meta.get_fields()}
        assert set(renamed) <= record_fields and set(renamed.values()) <= columns


@pytest.mark.django_db
def test_a_figure_comes_back_as_the_analysis_gave_it():
    claim = make_claim()
    found = analysis.FigureFacts(
        key="f1",
        claim_key=str(claim.pk),
        text="more than 100",
        start=0,
        end=13,
        measure="killed",
        subject="people",
        qualifier="more than",
        value=101,
        low=101,
        when=date(2022, 1, 5),
        as_of=date(2022, 1, 6),
        where="Almaty",
        is_earlier=True,
        rule="more-than",
    )
    row = figure_row(found, claim)
    row.save()
    again = figure_facts(Figure.objects.get(pk=row.pk))
    assert (again.when, again.as_of, again.where) == (found.when, found.as_of, found.where)
    assert (again.value, again.low, again.high, again.qualifier) == (101, 101, None, "more than")
    assert (again.is_earlier, again.rule, again.measure) == (True, "more-than", "killed")
