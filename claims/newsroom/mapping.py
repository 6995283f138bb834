"""The one mapping between the analysis's records and the model's rows, both ways.

`claim_row` and `figure_row` turn the analysis's `ClaimFacts` and `FigureFacts` into unsaved rows at
ingest; `claim_facts` and `figure_facts` turn stored rows back into them for the comparison. This is
the only place a field is renamed (`RENAMED`); a field of the analysis that has no column says why in
`NOT_A_COLUMN`, and tests/newsroom/test_mapping.py fails for a new field that is in neither.
"""

from .. import analysis
from ..models import Claim, Figure

# analysis field -> column, where the names differ.
RENAMED = {
    analysis.ClaimFacts: {"checkworthy": "checkworthiness"},
    analysis.FigureFacts: {"when": "refers_to", "where": "place"},
}
# Fields of the analysis stored elsewhere than in a column of their own name.
NOT_A_COLUMN = {
    analysis.ClaimFacts: {
        "key": "the row's pk once stored",
        "article_key": "the claim's article",
        "publisher": "the article's publisher, a Source",
        "published": "the article's published_at",
        "speaker": "a Source (resolve_source), or speaker_role for a generic body",
        "via": "ClaimRelay rows, in order",
    },
    analysis.FigureFacts: {
        "key": "the row's pk once stored",
        "claim_key": "the figure's claim",
        "part_of": "a foreign key to the whole, set once both are stored",
        "part": "rebuilt from `scope` by the analysis",
    },
}
MODELS = {analysis.ClaimFacts: Claim, analysis.FigureFacts: Figure}


def claim_row(found, article, *, speaker, speaker_role, event_record):
    """An unsaved Claim for the analysis's `found` (ClaimFacts) in `article`."""
    return Claim(
        article=article,
        text=found.text,
        start=found.start,
        end=found.end,
        is_headline=found.is_headline,
        speaker=speaker,
        speaker_role=speaker_role,
        checkworthiness=round(min(max(found.checkworthy, 0.0), 1.0), 3),
        checkworthy_reasons=list(found.checkworthy_reasons),
        event=found.event or "",
        event_date=found.event_date,
        event_record=event_record,
    )


def figure_row(found, claim):
    return Figure(
        claim=claim,
        text=found.text[:300],
        start=found.start,
        end=found.end,
        measure=found.measure,
        subject=found.subject or "",
        qualifier=found.qualifier or "",
        value=central_value(found),
        low=as_int(found.low),
        high=as_int(found.high),
        soft_low=as_int(found.soft_low),
        soft_high=as_int(found.soft_high),
        refers_to=found.when,
        as_of=found.as_of,
        place=found.where or "",
        event=found.event or "",
        scope=found.scope or "",
        is_earlier=found.is_earlier,
        is_projection=found.is_projection,
        rule=found.rule or "",
    )


def as_int(number):
    return None if number is None else round(number)


def central_value(found):
    """The stated number kept within its bounds: "more than 100" is stored as 101, "nearly 400" as 399."""
    value, low, high = as_int(found.value), as_int(found.low), as_int(found.high)
    if value is None:
        return None
    if low is not None:
        value = max(value, low)
    if high is not None:
        value = min(value, high)
    return value


# --- rows back into the analysis's records, for the comparison ---------------------------------------


def compared_key(row):
    """The key the comparison uses: the event record's (shared by everything merged into it), else the
    analysis's own."""
    record = row.event_record
    return record.key if record is not None else (row.event or None)


def claim_facts(claim):
    article = claim.article
    return analysis.ClaimFacts(
        key=str(claim.pk),
        article_key=str(article.pk),
        publisher=article.publisher.name if article.publisher else None,
        published=article.published_at,
        text=claim.text,
        start=claim.start,
        end=claim.end,
        speaker=claim.speaker.name if claim.speaker else None,
        speaker_role=claim.speaker_role or None,
        via=tuple(relay.source.name for relay in claim.claimrelay_set.all()),
        checkworthy=claim.checkworthiness,
        checkworthy_reasons=tuple(claim.checkworthy_reasons),
        is_headline=claim.is_headline,
        event=compared_key(claim),
        event_date=claim.event_date,
    )


def figure_facts(figure):
    return analysis.FigureFacts(
        key=str(figure.pk),
        claim_key=str(figure.claim_id),
        text=figure.text,
        start=figure.start,
        end=figure.end,
        measure=figure.measure,
        subject=figure.subject or "people",
        qualifier=figure.qualifier or None,
        value=figure.value,
        low=figure.low,
        high=figure.high,
        soft_low=figure.soft_low,
        soft_high=figure.soft_high,
        when=figure.refers_to,
        as_of=figure.as_of,
        where=figure.place or None,
        event=compared_key(figure) if figure.event_record_id or figure.event else None,
        scope=figure.scope or None,
        part_of=str(figure.part_of_id) if figure.part_of_id else None,
        is_earlier=figure.is_earlier,
        is_projection=figure.is_projection,
        rule=figure.rule or None,
    )
