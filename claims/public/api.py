"""The read-only JSON API: published verdicts, their ClaimReview feed and confirmed contradictions.

Schema at /api/openapi.json, docs at /api/docs (Swagger UI from our own static files, see LocalSwagger:
ninja itself is kept out of INSTALLED_APPS so that django.setup() does not import it).
"""

import json
import re
from datetime import UTC, datetime
from functools import wraps
from typing import Annotated, Any

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from ninja import Field, NinjaAPI, Path, Query, Schema
from ninja.decorators import decorate_view
from ninja.errors import HttpError
from ninja.openapi.docs import Swagger
from ninja.pagination import PageNumberPagination, paginate
from pydantic import BeforeValidator
from pydantic_core import PydanticCustomError

from ..models import Rating, Verdict
from ..templatetags.display_tags import readable_dates
from .caching import public_page
from .claimreview import claimreviews_for
from .queries import concerning, confirmed_public_contradictions, published_verdicts
from .shared_results import shared_count

SLUG_PATTERN = r"^[-a-zA-Z0-9_]+$"
PAGE_SIZE = 20
CLAIMREVIEW_PAGE_SIZE = 100
# Far enough for any real archive; stops a page number from overflowing the database's integers.
MAX_PAGE = 100_000


class LocalSwagger(Swagger):
    """Swagger UI from our static files. ninja only does that by itself when it is an installed app,
    which it is not, to keep it out of django.setup() (see NINJA_DIR in settings)."""

    def render_page(self, request, api, **kwargs):
        self.settings["url"] = self.get_openapi_url(api, kwargs)
        context = {"swagger_settings": json.dumps(self.settings, indent=1), "api": api, "add_csrf": False}
        return render(request, self.template, context)


api = NinjaAPI(
    title=f"{settings.SITE_NAME} API",
    version="1",
    description="Published fact checks, read-only. Only published verdicts appear here.",
    urls_namespace="api",
    docs=LocalSwagger(),
    docs_url="/docs",
    openapi_url="/openapi.json",
)


# RFC 3339, as the schema's "date-time" format says: pydantic alone would also take a Unix time ("0.5").
DATE_TIME = re.compile(r"\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d{1,6})?([Zz]|[+-]\d{2}:\d{2})")


def written_as_date_time(value):
    if isinstance(value, str) and not DATE_TIME.fullmatch(value):
        raise PydanticCustomError(
            "date_time_format", "Give a date and time with its offset from UTC, such as 2026-01-15T08:00:00Z."
        )
    return value


def written_as_whole_number(value):
    if isinstance(value, str) and not (value.isascii() and value.isdigit()):
        raise PydanticCustomError("whole_number", "Give a whole number from 1 up, in digits, such as 2.")
    return value


DateTimeParameter = Annotated[datetime, BeforeValidator(written_as_date_time)]
WholeNumber = Annotated[int, BeforeValidator(written_as_whole_number)]
PAGE_PARAMETERS = ("page", "page_size")


def takes_only(*names):
    """Refuse a query parameter the endpoint does not know, or one given twice: a misspelt filter
    (`?ratng=false`) would otherwise be ignored silently and answer with everything."""
    known = ", ".join(names) or "none"

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            for name, values in request.GET.lists():
                if name not in names:
                    return refuse(f"Unknown query parameter “{name}”. This endpoint takes: {known}.")
                if len(values) > 1:
                    return refuse(f"The query parameter “{name}” is given {len(values)} times; give it once.")
            return view(request, *args, **kwargs)

        wrapped.query_parameters = names
        return wrapped

    return decorator


def refuse(detail):
    return JsonResponse({"detail": detail}, status=422)


SOURCE_FILTER = Query(None, pattern=SLUG_PATTERN, max_length=80, description="A source's slug.")
SINCE_FILTER = Query(
    None, description="Only verdicts published at or after this time (RFC 3339, e.g. 2026-01-15T08:00:00Z)."
)
PAGE_NUMBER = Query(1, ge=1, le=MAX_PAGE)
SLUG = Path(..., pattern=SLUG_PATTERN, max_length=80)


class Pages(PageNumberPagination):
    class Input(Schema):
        page: WholeNumber = Field(1, ge=1, le=MAX_PAGE)
        page_size: Annotated[int, Field(ge=1, le=100), BeforeValidator(written_as_whole_number)] | None = None

    def _items_count(self, queryset):
        return shared_count(queryset)  # exact, and counted once until something changes


# --- Schemas -------------------------------------------------------------------------------------------


class SourceOut(Schema):
    name: str
    slug: str
    kind: str
    url: str

    @staticmethod
    def resolve_url(source):
        return f"{settings.SITE_URL}{source.get_absolute_url()}"


class ArticleOut(Schema):
    title: str
    url: str
    publisher: SourceOut | None
    published_at: datetime | None


class ClaimOut(Schema):
    text: str
    speaker: SourceOut | None
    speaker_role: str
    article: ArticleOut


class VerdictOut(Schema):
    """A verdict as published: its published copy, never a draft being edited."""

    slug: str
    url: str
    rating: Rating
    rating_label: str
    rating_value: int
    headline: str = Field(description="Plain text.")
    summary: str = Field(description="Plain text.")
    explanation: str = Field(
        description="Plain text made from the sanitised explanation: no markup, paragraphs separated by "
        "a blank line, link addresses left out (they are in `explanation_html`)."
    )
    explanation_html: str = Field(
        description="Sanitised HTML: only p, br, hr, h2-h4, strong, em, b, i, code, pre, blockquote, lists, "
        "a (http, https and mailto links, rel=nofollow), abbr, sup, sub and tables; no scripts, styles, "
        "event handlers or other attributes."
    )
    published_at: datetime = Field(description="When the verdict was first published.")
    last_published_at: datetime = Field(description="When this version of it was published.")
    claim: ClaimOut

    @staticmethod
    def resolve_url(verdict):
        return f"{settings.SITE_URL}{verdict.get_absolute_url()}"

    @staticmethod
    def resolve_rating(verdict):
        return verdict.published_rating

    @staticmethod
    def resolve_rating_label(verdict):
        return verdict.get_published_rating_display()

    @staticmethod
    def resolve_headline(verdict):
        return verdict.published_headline

    @staticmethod
    def resolve_summary(verdict):
        return verdict.published_summary

    @staticmethod
    def resolve_explanation(verdict):
        return verdict.published_body_text

    @staticmethod
    def resolve_explanation_html(verdict):
        return verdict.published_body_html


class ClaimReviewFeed(Schema):
    count: int
    next: str | None = Field(description="The next page of the feed, if any.")
    claimReviews: list[dict[str, Any]]  # noqa: N815 (the name aggregators know the feed by)


def side(claim, figure):
    verdict = getattr(claim, "verdict", None)
    said_by = claim.speaker or claim.article.publisher
    return {
        "text": claim.text,
        "said_by": said_by.name if said_by else None,
        "article_url": claim.article.url,
        "figure": figure.text if figure else None,
        "verdict_url": f"{settings.SITE_URL}{verdict.get_absolute_url()}"
        if verdict is not None and verdict.is_published
        else None,
    }


class ContradictionSide(Schema):
    text: str
    said_by: str | None
    article_url: str
    figure: str | None
    verdict_url: str | None = Field(description="Our verdict on this claim, when one is published.")


class ContradictionOut(Schema):
    id: int
    kind: str
    kind_label: str
    severity: str
    explanation: str
    note: str
    confirmed_at: datetime
    claims: list[ContradictionSide]

    @staticmethod
    def resolve_kind_label(contradiction):
        return contradiction.get_kind_display()

    @staticmethod
    def resolve_note(contradiction):
        return contradiction.resolution_note

    @staticmethod
    def resolve_explanation(contradiction):
        """In words, as the desk shows it: "as of 6 Jan 2022", not the stored "as of 2022-01-06"."""
        return readable_dates(contradiction.explanation)

    @staticmethod
    def resolve_confirmed_at(contradiction):
        return contradiction.resolved_at

    @staticmethod
    def resolve_claims(contradiction):
        return [
            side(contradiction.claim_a, contradiction.figure_a),
            side(contradiction.claim_b, contradiction.figure_b),
        ]


class Problem(Schema):
    """Why a request was refused: a sentence, or (invalid parameters) one entry per parameter."""

    detail: str | list[dict[str, Any]]


# --- Endpoints -----------------------------------------------------------------------------------------


def filtered_verdicts(rating, source, since):
    verdicts = published_verdicts()
    if rating:
        verdicts = verdicts.filter(published_rating=rating)
    if source:
        verdicts = verdicts.filter(concerning(slug=source))
    if since:
        verdicts = verdicts.filter(published_at__gte=in_utc(since))
    return verdicts


def in_utc(moment):
    """The time in UTC: PostgreSQL refuses offsets beyond ±15:59, which ISO 8601 (and pydantic) allow."""
    try:
        return moment.astimezone(UTC) if moment.tzinfo else moment.replace(tzinfo=UTC)
    except OverflowError as error:  # a date at the edge of the calendar, shifted out of it by its offset
        raise HttpError(422, "That date is out of range.") from error


@api.get(
    "/verdicts", response={200: list[VerdictOut], 422: Problem}, summary="Published verdicts, newest first"
)
@decorate_view(public_page, takes_only("rating", "source", "since", *PAGE_PARAMETERS))
@paginate(Pages, page_size=PAGE_SIZE)
def list_verdicts(
    request,
    rating: Rating | None = None,
    source: str | None = SOURCE_FILTER,
    since: DateTimeParameter | None = SINCE_FILTER,
):
    return filtered_verdicts(rating, source, since)


@api.get(
    "/verdicts/{slug}",
    response={200: VerdictOut, 404: Problem, 410: Problem, 422: Problem},
    summary="One published verdict",
    description="A withdrawn verdict answers 410, with the editors' reason in `detail`.",
)
@decorate_view(public_page, takes_only())
def verdict(request, slug: str = SLUG):
    found = get_object_or_404(
        Verdict.objects.ever_published().select_related("claim__speaker", "claim__article__publisher"),
        slug=slug,
    )
    if found.is_withdrawn:
        raise HttpError(
            410, f"This verdict was withdrawn on {found.withdrawn_at:%-d %B %Y}: {found.withdrawal_reason}"
        )
    return found


@api.get(
    "/claimreview",
    response={200: ClaimReviewFeed, 422: Problem},
    summary="Published verdicts as schema.org ClaimReview",
    description="`headline`, `description` and `reviewBody` are plain text; `reviewBody` is made from the "
    "sanitised explanation (no markup, link addresses left out).",
)
@decorate_view(public_page, takes_only("page"))
def claimreview_feed(request, page: WholeNumber = PAGE_NUMBER):
    verdicts = published_verdicts()
    start = (page - 1) * CLAIMREVIEW_PAGE_SIZE
    batch = list(verdicts[start : start + CLAIMREVIEW_PAGE_SIZE + 1])
    has_next = len(batch) > CLAIMREVIEW_PAGE_SIZE
    return {
        "count": shared_count(verdicts),
        "next": f"{settings.SITE_URL}{reverse('api:claimreview_feed')}?page={page + 1}" if has_next else None,
        "claimReviews": claimreviews_for(batch[:CLAIMREVIEW_PAGE_SIZE]),
    }


@api.get(
    "/contradictions",
    response={200: list[ContradictionOut], 422: Problem},
    summary="Contradictions editors confirmed",
)
@decorate_view(public_page, takes_only(*PAGE_PARAMETERS))
@paginate(Pages, page_size=PAGE_SIZE)
def contradictions(request):
    return confirmed_public_contradictions()


# Reviewed events (claims/events/api.py): added last, as the events router reads this module's pieces.
from ..events.api import router as events_router  # noqa: E402

api.add_router("/events", events_router)
