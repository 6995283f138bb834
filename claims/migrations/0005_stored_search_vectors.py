"""A stored full-text vector per verdict for readers' search on PostgreSQL (claims/search.py).

Replaces the GIN expression indexes of 0003_search_index. Recomputing to_tsvector for every candidate
row cost 30-50 µs a row, and joining each matching claim to its verdict cost as much again; now each
verdict keeps, in `claims_verdict.search_vector`, the vector of everything a reader's search looks at:
its claim's text, headline, summary and explanation. One partial GIN index (`WHERE is_published`: readers
never see drafts) finds the matches, and the ranking reads nothing but the verdict rows.

The claim's text lives in another table, so a generated column cannot hold it; two triggers keep the
column current instead: one when a verdict is inserted or its text (or claim) changes, one when a
claim's text changes. pg_dump/pg_restore keep the stored values (triggers are restored after the data).

PostgreSQL only. The column is not a model field: the model state (and `makemigrations --check`) is
unchanged, Django never selects or writes it, and SQLite is left alone.
"""

from django.db import migrations

FORWARD = [
    "DROP INDEX IF EXISTS verdict_search_idx",
    "DROP INDEX IF EXISTS claim_search_idx",
    # The one definition of a verdict's search document; claims/search.py queries it with the same config.
    """
    CREATE FUNCTION claims_search_document(claim_text text, headline text, summary text, explanation text)
    RETURNS tsvector LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT to_tsvector('english'::regconfig, COALESCE(claim_text, '') || ' ' || COALESCE(headline, '')
                           || ' ' || COALESCE(summary, '') || ' ' || COALESCE(explanation, ''))
    $$
    """,
    "ALTER TABLE claims_verdict ADD COLUMN search_vector tsvector",
    """
    CREATE FUNCTION claims_verdict_set_search_vector() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        NEW.search_vector := claims_search_document(
            (SELECT text FROM claims_claim WHERE id = NEW.claim_id),
            NEW.headline, NEW.summary, NEW.explanation
        );
        RETURN NEW;
    END
    $$
    """,
    """
    CREATE TRIGGER claims_verdict_search_vector
    BEFORE INSERT OR UPDATE OF claim_id, headline, summary, explanation ON claims_verdict
    FOR EACH ROW EXECUTE FUNCTION claims_verdict_set_search_vector()
    """,
    """
    CREATE FUNCTION claims_claim_update_search_vector() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        UPDATE claims_verdict
           SET search_vector = claims_search_document(NEW.text, headline, summary, explanation)
         WHERE claim_id = NEW.id;
        RETURN NULL;
    END
    $$
    """,
    """
    CREATE TRIGGER claims_claim_search_vector
    AFTER UPDATE OF text ON claims_claim
    FOR EACH ROW WHEN (OLD.text IS DISTINCT FROM NEW.text)
    EXECUTE FUNCTION claims_claim_update_search_vector()
    """,
    # The verdicts already there.
    """
    UPDATE claims_verdict AS verdict
       SET search_vector = claims_search_document(
               claim.text, verdict.headline, verdict.summary, verdict.explanation
           )
      FROM claims_claim AS claim
     WHERE claim.id = verdict.claim_id
    """,
    "CREATE INDEX verdict_search_vector_idx ON claims_verdict USING gin (search_vector) WHERE is_published",
    # The planner's estimate of how many verdicts a term matches comes from the column's statistics.
    "ANALYZE claims_verdict",
]

BACKWARD = [
    "DROP TRIGGER claims_claim_search_vector ON claims_claim",
    "DROP FUNCTION claims_claim_update_search_vector()",
    "DROP TRIGGER claims_verdict_search_vector ON claims_verdict",
    "DROP FUNCTION claims_verdict_set_search_vector()",
    "ALTER TABLE claims_verdict DROP COLUMN search_vector",  # and its index
    "DROP FUNCTION claims_search_document(text, text, text, text)",
    # 0003's expression indexes, as that migration created them.
    "CREATE INDEX verdict_search_idx ON claims_verdict USING gin (to_tsvector('english'::regconfig, "
    "COALESCE(headline, '') || ' ' || COALESCE(summary, '') || ' ' || COALESCE(explanation, '')))",
    "CREATE INDEX claim_search_idx ON claims_claim "
    "USING gin (to_tsvector('english'::regconfig, COALESCE(text, '')))",
]


def run(statements):
    def operation(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for statement in statements:
            schema_editor.execute(statement)

    return operation


class Migration(migrations.Migration):
    dependencies = [("claims", "0004_verdict_original_rating_evidence_archive_error")]

    operations = [migrations.RunPython(run(FORWARD), run(BACKWARD))]
