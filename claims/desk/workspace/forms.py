"""Forms of the claim workspace: the verdict editor, publishing, the evidence form and the status buttons."""

from django import forms
from django.db import IntegrityError, transaction

from ...history import record_change
from ...models import Claim, Contradiction, EditConflict, Evidence, Rating, Verdict
from ...newsroom.fetching import FetchError, RefusedURL, validated_url
from ...rendering import MAX_EXPLANATION_LENGTH, join_names
from ..forms import QuickSelect

# ClaimReview guidance: search results show about this much of a headline.
HEADLINE_ADVISED_LENGTH = 75

# How each workflow move reads on its button, by (from, to). Publishing has its own button.
TRANSITION_LABELS = {
    (Claim.Status.NEW, Claim.Status.IN_REVIEW): "Start review",
    (Claim.Status.NEW, Claim.Status.DISMISSED): "Dismiss",
    (Claim.Status.NEW, Claim.Status.VERDICT_DRAFTED): "Mark verdict drafted",
    (Claim.Status.IN_REVIEW, Claim.Status.VERDICT_DRAFTED): "Mark verdict drafted",
    (Claim.Status.IN_REVIEW, Claim.Status.NEW): "Move back to new",
    (Claim.Status.IN_REVIEW, Claim.Status.DISMISSED): "Dismiss",
    (Claim.Status.VERDICT_DRAFTED, Claim.Status.IN_REVIEW): "Move back to review",
    (Claim.Status.VERDICT_DRAFTED, Claim.Status.DISMISSED): "Dismiss",
    (Claim.Status.PUBLISHED, Claim.Status.IN_REVIEW): "Reopen for review",
    (Claim.Status.DISMISSED, Claim.Status.NEW): "Reopen",
}


def transition_buttons(claim, has_verdict):
    """(status, label) for each move the claim allows and that makes sense right now."""
    buttons = []
    for status in claim.allowed_transitions():
        if status == Claim.Status.PUBLISHED:
            continue
        if status == Claim.Status.VERDICT_DRAFTED and not has_verdict:
            continue
        buttons.append((status.value, TRANSITION_LABELS.get((claim.status, status), status.label)))
    return buttons


def can_publish(claim, has_verdict):
    return has_verdict and claim.status in {Claim.Status.IN_REVIEW, Claim.Status.VERDICT_DRAFTED}


def publish_concerns(claim):
    """What should make an editor pause before publishing, as phrases: "1 open high-severity contradiction"."""
    concerns = []
    open_high = (
        Contradiction.objects.open().involving(claim).filter(severity=Contradiction.Severity.HIGH).count()
    )
    if open_high:
        concerns.append(f"{open_high} open high-severity contradiction{'s' if open_high != 1 else ''}")
    if not claim.evidence.exists():
        concerns.append("no evidence")
    return concerns


class MoveForm(forms.Form):
    status = forms.ChoiceField(choices=Claim.Status.choices)
    reason = forms.CharField(
        required=False,
        max_length=Verdict._meta.get_field("withdrawal_reason").max_length,
        label="Why is the verdict withdrawn?",
        help_text="Readers see this at the verdict's address.",
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"max_length": "Keep the reason for the withdrawal under %(limit_value)d characters."},
    )


class PublishForm(forms.Form):
    """Publishing asks again when the claim has open high-severity contradictions or no evidence, and
    asks for the changelog's "why" when a verdict readers saw is published again with changes."""

    # The version the editor looked at; a newer one is not published unseen (EditConflict).
    version = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)
    confirm = forms.BooleanField(required=False, label="Publish anyway")
    # The reason is the history record's change reason (django-simple-history keeps 100 characters).
    reason = forms.CharField(
        required=False,
        max_length=100,
        error_messages={
            "max_length": "Keep the reason under %(limit_value)d characters (it has %(show_value)d)."
        },
        label="What changed and why",
        help_text="Shown to readers in the verdict's list of changes since publication.",
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, claim, verdict, **kwargs):
        super().__init__(*args, **kwargs)
        self.claim, self.verdict = claim, verdict
        self.concerns = publish_concerns(claim)
        # A republication that changes what readers saw is a correction: the changelog says why.
        self.needs_reason = verdict.changes_what_readers_saw
        if not self.is_bound:
            self.initial.setdefault("version", verdict.version)

    @property
    def concern_sentence(self):
        return f"This claim has {join_names(self.concerns)}. Publish anyway?" if self.concerns else ""

    def clean(self):
        cleaned = super().clean()
        if self.concerns and not cleaned.get("confirm"):
            self.add_error("confirm", self.concern_sentence)
        if self.needs_reason and "reason" not in self.errors and not cleaned.get("reason", "").strip():
            self.add_error("reason", "Say what changed and why: readers see it in the verdict's changelog.")
        return cleaned


class VerdictForm(forms.Form):
    rating = forms.ChoiceField(choices=[("", "Choose a rating")] + Rating.choices, widget=QuickSelect)
    headline = forms.CharField(max_length=Verdict._meta.get_field("headline").max_length)
    summary = forms.CharField(
        max_length=Verdict._meta.get_field("summary").max_length,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="One or two sentences readers see first.",
    )
    # No max_length on the field: the browser would cut a pasted text short without a word; the
    # server says how long it is instead, and the text stays in the form.
    explanation = forms.CharField(
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=f"Markdown: **bold**, [links](https://…), lists. Up to {MAX_EXPLANATION_LENGTH:,} characters.",
    )
    version = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)

    EDITABLE_FIELDS = ("rating", "headline", "summary", "explanation")

    @classmethod
    def for_verdict(cls, verdict):
        if verdict is None:
            return cls()
        return cls(initial={name: getattr(verdict, name) for name in (*cls.EDITABLE_FIELDS, "version")})

    def clean_explanation(self):
        text = self.cleaned_data["explanation"]
        if len(text) > MAX_EXPLANATION_LENGTH:
            raise forms.ValidationError(
                f"The explanation has {len(text):,} characters; the limit is {MAX_EXPLANATION_LENGTH:,}. "
                "Shorten it and save again (your text is kept below).",
                code="too_long",
            )
        return text  # rendered once, when the verdict is saved (a failure then is this field's error)

    def changes(self):
        return {name: self.cleaned_data[name] for name in self.EDITABLE_FIELDS}

    def save(self, claim, by):
        """Create the claim's first verdict or edit it; raise EditConflict if someone saved in between."""
        try:
            verdict = claim.verdict
        except Verdict.DoesNotExist:
            return self._create(claim, by)
        if self.cleaned_data["version"] is None:  # opened before anyone had drafted a verdict
            raise EditConflict(verdict)
        with transaction.atomic():
            verdict.save_edit(self.cleaned_data["version"], by=by, **self.changes())
            claim.mark_drafted(by=by)
        return verdict

    def _create(self, claim, by):
        """The first verdict moves a new claim, or one in review, to "verdict drafted"."""
        try:
            with transaction.atomic():
                verdict = Verdict(claim=claim, author=by, updated_by=by, **self.changes())
                record_change(verdict, by)
                verdict.save()
                claim.mark_drafted(by=by)
        except IntegrityError:
            Claim._meta.get_field("verdict").delete_cached_value(
                claim
            )  # forget the verdict that was not saved
            existing = Verdict.objects.filter(claim=claim).first()
            if existing is None:
                raise
            raise EditConflict(existing) from None  # another editor created it a moment earlier
        return verdict

    def with_version(self, version):
        """The same submitted text based on `version`, so that a deliberate re-save goes through."""
        data = self.data.copy()
        data["version"] = str(version)
        return type(self)(data)


class EvidenceForm(forms.Form):
    source_name = forms.CharField(
        label="Source",
        max_length=200,
        required=False,
        help_text="Choose an existing source or type a new name.",
        widget=forms.TextInput(attrs={"list": "evidence-sources", "autocomplete": "off"}),
    )
    url = forms.URLField(label="URL", max_length=500, required=False, assume_scheme="https")
    quote = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}))
    stance = forms.ChoiceField(
        choices=Evidence.Stance.choices, initial=Evidence.Stance.CONTEXT, widget=QuickSelect
    )

    def clean_url(self):
        url = self.cleaned_data["url"]
        if url:
            try:
                validated_url(url)  # a quick answer now; the archiver checks every address it visits again
            except RefusedURL as error:
                raise forms.ValidationError(str(error), code="refused") from None
            except FetchError:
                pass  # a host not found now may be found later: the archiver tries again and says so
        return url

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("source_name", "").strip() and not cleaned.get("url") and "url" not in self.errors:
            raise forms.ValidationError("Give a source or a URL (or both).", code="no_source")
        return cleaned


class CorrectionNoteMixin(forms.Form):
    """Once the verdict is public, readers see what changed in its evidence and why."""

    note = forms.CharField(
        label="Correction note",
        max_length=100,
        required=False,
        help_text="Readers see this note: say what changed and why.",
    )

    def __init__(self, *args, public=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.public = public  # the note is then needed (checked in clean_note, with a message that says why)
        if not public:
            self.fields["note"].help_text = "Optional before publication; kept in the history."

    def clean_note(self):
        note = self.cleaned_data["note"].strip()
        if self.public and not note:
            raise forms.ValidationError("The verdict is published: say why the evidence changes.")
        return note


class EvidenceEditForm(CorrectionNoteMixin, EvidenceForm):
    field_order = ["source_name", "url", "quote", "stance", "note"]

    @classmethod
    def for_evidence(cls, evidence, public):
        initial = {
            "source_name": evidence.source.name if evidence.source else "",
            "url": evidence.url,
            "quote": evidence.quote,
            "stance": evidence.stance,
        }
        return cls(initial=initial, public=public, prefix=f"edit-{evidence.pk}")

    def changes(self):
        return {name: self.cleaned_data[name] for name in ("source_name", "url", "quote", "stance", "note")}


class EvidenceRemoveForm(CorrectionNoteMixin):
    pass
