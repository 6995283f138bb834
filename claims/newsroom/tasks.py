"""Background work for the desk: ingesting an article, fetching it first when it is given as a URL.

Tasks run on the queue configured in `settings.TASKS` (`manage.py db_worker` works the database queue).
Their arguments and return values are JSON. Problems an editor can act on (a page that cannot be fetched,
a text that cannot be read) come back as `{"error": "..."}` rather than as a failed task, so the status
page can say what went wrong; anything else fails the task and the status page says so.
"""

from dataclasses import dataclass, field
from datetime import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.tasks import TaskResultStatus, task
from django.template.defaultfilters import filesizeformat

from ..analysis import ArticleError
from ..analysis.documents import article_from_text, cleaned_page_metadata, html_to_text
from ..models import Article, TaskWorker
from .budgets import BudgetExceeded
from .fetching import FetchError, fetch_url
from .ingest import ingest_article


def read_page(url):
    """The main text of the page at `url` and its title (og:title, else <title>)."""
    page = fetch_url(url)
    if page.is_html:
        import trafilatura  # loaded only when a page is fetched: it is slow to import

        metadata = trafilatura.extract_metadata(page.text)
        # A page's title is cut to what the desk stores, as its <meta> tags are (documents.py).
        title = cleaned_page_metadata({"title": (metadata.title if metadata else None) or ""}).get(
            "title", ""
        )
        body = html_to_text(page.text)
    else:
        article = article_from_text(url, page.text)
        title, body = article.title or "", article.body
    if not body.strip():
        raise ArticleError(url, "no article text was found on the page")
    if len(body.encode("utf-8")) > settings.ANALYSIS_MAX_BYTES:
        raise ArticleError(
            url, f"the article is larger than the {filesizeformat(settings.ANALYSIS_MAX_BYTES)} limit"
        )
    return body, title


def outcome(result):
    return {
        "article_id": result.article.pk,
        "created": result.created,
        "claims": len(result.claims),
        "contradictions": len(result.contradictions),
        "new_contradiction_ids": [contradiction.pk for contradiction in result.contradictions],
    }


@task
def ingest_submission(*, body="", url="", title="", publisher="", published_at=None, user_id=None):
    """Store one article (pasted or uploaded `body`, or the page at `url`) and what the analysis finds."""
    by = get_user_model().objects.filter(pk=user_id).first() if user_id else None
    try:
        if not body:
            already = Article.objects.filter(url=url).first()
            if already:
                return {"article_id": already.pk, "created": False, "claims": already.claims.count(),
                        "contradictions": 0, "new_contradiction_ids": []}  # fmt: skip
            body, page_title = read_page(url)
            title = title or page_title
        result = ingest_article(
            body,
            title=title,
            publisher=publisher,
            published_at=datetime.fromisoformat(published_at) if published_at else None,
            url=url,
            by=by,
            path=url or "pasted text",
        )
    except (FetchError, ArticleError, BudgetExceeded) as error:
        # Final answers: running the same task again would end the same way, so it is not retried.
        return {"error": str(error)}
    return outcome(result)


@dataclass(frozen=True)
class IngestProgress:
    """Where one ingest stands, read from its task result, in the words the status page uses."""

    state: str  # queued, running, done or failed
    error: str = ""
    interrupted: bool = False  # a worker died while running it; see manage.py recover_tasks
    article_id: int | None = None
    created: bool = False
    claim_count: int = 0
    new_contradiction_ids: list = field(default_factory=list)
    worker_gone: bool = False  # running, but its worker has stopped: it will be recovered and run again

    LABELS = {"queued": "Queued", "running": "Analysing", "done": "Done", "failed": "Failed"}

    @classmethod
    def of(cls, result):
        # A task claimed by a worker before and queued or running again was interrupted and retried.
        attempts = len(result.worker_ids)
        if result.status == TaskResultStatus.READY:
            return cls("queued", interrupted=attempts > 0)
        if result.status == TaskResultStatus.RUNNING:
            worker = TaskWorker.objects.filter(worker_id=result.worker_ids[-1]).first() if attempts else None
            return cls("running", interrupted=attempts > 1, worker_gone=bool(worker and worker.is_gone()))
        if result.status == TaskResultStatus.FAILED:
            if (
                result.errors
                and result.errors[-1].exception_class_path == "claims.newsroom.tasks.WorkerInterrupted"
            ):
                return cls(
                    "failed",
                    interrupted=True,
                    error=f"The analysis was interrupted {attempts} time{'s' if attempts != 1 else ''} "
                    "(the worker stopped) and was not run again: the article may be too long to analyse "
                    "in one piece. Split it into shorter articles and submit each.",
                )
            kind = result.errors[-1].exception_class_path.rsplit(".", 1)[-1] if result.errors else "unknown"
            return cls(
                "failed",
                error=f"The analysis stopped with an unexpected error ({kind}). It is in the worker's log.",
            )
        value = result.return_value or {}
        if "error" in value:
            return cls("failed", error=value["error"])
        return cls(
            "done",
            article_id=value.get("article_id"),
            created=value.get("created", False),
            claim_count=value.get("claims", 0),
            new_contradiction_ids=value.get("new_contradiction_ids", []),
        )

    @property
    def label(self):
        return self.LABELS[self.state]

    @property
    def seen_key(self):
        """What the polling page last showed; the status view answers 204 while it stays the same."""
        return f"{self.state}-stalled" if self.worker_gone else self.state

    @property
    def is_finished(self):
        return self.state in {"done", "failed"}


@task
def archive_evidence(evidence_id):
    """Fetch and keep the page one piece of evidence cites (claims/newsroom/evidence.py); it retries itself."""
    from .evidence import archive_evidence_now  # evidence.py queues this task

    evidence = archive_evidence_now(evidence_id)
    if evidence is None:
        return {"state": "gone"}
    return {"state": evidence.archive_status, "attempts": evidence.archive_attempts}
