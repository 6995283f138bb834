"""GIN indexes for readers' full-text search on PostgreSQL (claims/search.py); nothing elsewhere.

Expression indexes, so the model state does not change. They must stay identical to the expressions in
claims/search.py (verdict_vector, claim_vector) or PostgreSQL stops using them; tests/test_search.py
checks the plans.
"""

from django.db import migrations


def indexes(apps):
    from django.contrib.postgres.indexes import GinIndex
    from django.contrib.postgres.search import SearchVector

    verdict_document = SearchVector("headline", "summary", "explanation", config="english")
    claim_document = SearchVector("text", config="english")
    return [
        (apps.get_model("claims", "Verdict"), GinIndex(verdict_document, name="verdict_search_idx")),
        (apps.get_model("claims", "Claim"), GinIndex(claim_document, name="claim_search_idx")),
    ]


def add_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for model, index in indexes(apps):
        schema_editor.add_index(model, index)


def remove_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for model, index in indexes(apps):
        schema_editor.remove_index(model, index)


class Migration(migrations.Migration):
    dependencies = [("claims", "0002_roles")]

    operations = [migrations.RunPython(add_indexes, remove_indexes)]
