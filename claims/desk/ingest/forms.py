"""The three ways an article comes into the desk: pasted text, an uploaded file, or a URL to fetch.

Pasted and uploaded articles are read here, in the request, so that a bad file is refused at once with
the form kept, and so that the stored body is known before anything is queued (to find duplicates).
A URL is only checked here; it is fetched by the background task.
"""

import html
import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import PurePath

from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat

from ...analysis import ArticleError, article_from_bytes
from ...models import Article
from ...newsroom.fetching import FetchError, validated_url
from ...newsroom.ingest import existing_article, publication_time

UPLOAD_EXTENSIONS = (".txt", ".md", ".html", ".htm")


@dataclass(frozen=True)
class Submission:
    """What the ingest task needs, in JSON-able pieces: either a body or a URL to fetch."""

    body: str = ""
    url: str = ""
    title: str = ""
    publisher: str = ""
    published_at: datetime | None = None

    def existing_article(self):
        """The stored article with the same text or URL, if there is one."""
        if self.body:
            return existing_article(self.body, self.url)
        return Article.objects.filter(url=self.url).first()

    def task_arguments(self, user):
        return {
            "body": self.body,
            "url": self.url,
            "title": self.title,
            "publisher": self.publisher,
            "published_at": self.published_at.isoformat() if self.published_at else None,
            "user_id": user.pk,
        }


def max_bytes():
    return settings.ANALYSIS_MAX_BYTES


def title_of(article):
    """The article's own title; a title read from HTML may still hold entities (`&amp;`)."""
    return html.unescape(article.title or "")


def focus_first_error(form):
    """Put focus on the first field with an error when the form comes back (htmx honours autofocus)."""
    for name in form.errors:
        if name in form.fields:
            form.fields[name].widget.attrs["autofocus"] = True
            return


class ArticleDetailsForm(forms.Form):
    """Optional details an editor may give; they win over what the article itself says."""

    title = forms.CharField(max_length=300, required=False)
    publisher = forms.CharField(max_length=200, required=False, help_text="The outlet that published it.")
    published_at = forms.DateTimeField(
        label="Published",
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        help_text="Date and time in UTC.",
    )


class PasteForm(ArticleDetailsForm):
    body = forms.CharField(label="Article text", widget=forms.Textarea(attrs={"rows": 12}), strip=False)
    url = forms.URLField(label="URL", max_length=500, required=False, assume_scheme="https")

    field_order = ["body", "title", "publisher", "published_at", "url"]

    def clean_body(self):
        body = self.cleaned_data["body"]
        if not body.strip():
            raise forms.ValidationError("Paste the article's text.")
        encoded = body.encode("utf-8")
        if len(encoded) > max_bytes():
            raise forms.ValidationError(f"The text is larger than the {filesizeformat(max_bytes())} limit.")
        try:
            self.article = article_from_bytes("pasted text", encoded, max_bytes())
        except ArticleError as error:
            raise forms.ValidationError(f"{error.reason.capitalize()}.") from None
        return body

    def submission(self):
        data, article = self.cleaned_data, self.article
        return Submission(
            body=article.body,
            url=data["url"] or article.url or "",
            title=data["title"] or title_of(article),
            publisher=data["publisher"] or article.publisher or "",
            published_at=data["published_at"] or publication_time(article.published),
        )


class UploadForm(forms.Form):
    file = forms.FileField(
        label="Article file",
        help_text="A .txt, .md or .html file. Front matter (title, publisher, published, url) is read.",
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(UPLOAD_EXTENSIONS)}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        name = PurePath(upload.name).name
        if not name.lower().endswith(UPLOAD_EXTENSIONS):
            raise forms.ValidationError(f"{name} is not a .txt, .md or .html file, so it cannot be read.")
        if upload.size > max_bytes():
            raise forms.ValidationError(f"{name} is larger than the {filesizeformat(max_bytes())} limit.")
        try:
            self.article = article_from_bytes(name, upload.read(), max_bytes())
        except ArticleError as error:
            raise forms.ValidationError(f"{name} cannot be read: {error.reason}.") from None
        return upload

    def submission(self):
        article = self.article
        return Submission(
            body=article.body,
            url=article.url or "",
            title=title_of(article),
            publisher=article.publisher or "",
            published_at=publication_time(article.published),
        )


# "javascript:…" or "mailto:…" names its scheme (and is refused for it); "example.com:8080/x" does not.
HAS_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*:(?!\d)", re.IGNORECASE)


class FetchForm(forms.Form):
    url = forms.CharField(
        label="URL",
        max_length=500,
        help_text="An http:// or https:// address of a public page.",
        widget=forms.URLInput(attrs={"inputmode": "url"}),
    )
    publisher = forms.CharField(max_length=200, required=False, help_text="The outlet that published it.")

    def clean_url(self):
        url = self.cleaned_data["url"].strip()
        if not HAS_SCHEME.match(url):
            url = f"https://{url}"
        try:
            # Checked now for a quick answer; the task checks again when it fetches.
            return validated_url(url)
        except FetchError as error:
            raise forms.ValidationError(str(error)) from None

    def submission(self):
        return Submission(url=self.cleaned_data["url"], publisher=self.cleaned_data["publisher"])
