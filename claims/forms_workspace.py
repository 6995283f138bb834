"""Forms of the claim workspace: the verdict editor, the evidence form and the status buttons."""

from django import forms
from django.db import IntegrityError, transaction

from .fetching import FetchError, RefusedURL, validated_url
from .models import Claim, EditConflict, Evidence, Rating, Verdict

# ClaimReview guidance: search results show about this much of a headline.
HEADLINE_ADVISED_LENGTH = 75

# How each workflow move reads on its button, by (from, to). Publishing has its own button.
TRANSITION_LABELS = {
    (Claim.Status.NEW, Claim.Status.IN_REVIEW): "Start review",
    (Claim.Status.NEW, Claim.Status.DISMISSED): "Dismiss",
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


class MoveForm(forms.Form):
    status = forms.ChoiceField(choices=Claim.Status.choices)


class VerdictForm(forms.Form):
    rating = forms.ChoiceField(choices=[("", "Choose a rating")] + Rating.choices)
    headline = forms.CharField(max_length=Verdict._meta.get_field("headline").max_length)
    summary = forms.CharField(
        max_length=Verdict._meta.get_field("summary").max_length,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="One or two sentences readers see first.",
    )
    explanation = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text="Markdown: **bold**, [links](https://…), lists.",
    )
    version = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)

    EDITABLE_FIELDS = ("rating", "headline", "summary", "explanation")

    @classmethod
    def for_verdict(cls, verdict):
        if verdict is None:
            return cls()
        return cls(initial={name: getattr(verdict, name) for name in (*cls.EDITABLE_FIELDS, "version")})

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
        return verdict.save_edit(self.cleaned_data["version"], by=by, **self.changes())

    def _create(self, claim, by):
        """The first verdict moves a claim in review to "verdict drafted"."""
        try:
            with transaction.atomic():
                verdict = Verdict(claim=claim, author=by, **self.changes())
                verdict._history_user = by
                verdict.save()
                if claim.status == Claim.Status.IN_REVIEW:
                    claim.move_to(Claim.Status.VERDICT_DRAFTED, by=by)
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
    stance = forms.ChoiceField(choices=Evidence.Stance.choices, initial=Evidence.Stance.CONTEXT)

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
