"""Forms of the inflow: a watched feed (desk), a reader's tip (public), an editor's answer to a tip."""

from django import forms

from ..models import Claim, Source
from ..newsroom.fetching import FetchError, validated_url
from .models import Tip, WatchedFeed


class WatchedFeedForm(forms.ModelForm):
    source = forms.ModelChoiceField(
        queryset=Source.objects.order_by("name"),
        help_text="Whose feed it is: its articles are credited to them.",
    )

    class Meta:
        model = WatchedFeed
        fields = ["url", "source", "interval_minutes"]
        help_texts = {
            "url": "The RSS or Atom address, e.g. https://agency.example/rss.xml.",
            "interval_minutes": "From 1 to 1440 (a day). 15 suits most wires.",
        }
        widgets = {"interval_minutes": forms.NumberInput(attrs={"min": 1, "max": 1440})}

    def clean_url(self):
        url = self.cleaned_data["url"]
        try:
            return validated_url(url)
        except FetchError as error:
            raise forms.ValidationError(str(error)) from None

    def clean_interval_minutes(self):
        minutes = self.cleaned_data["interval_minutes"]
        if not 1 <= minutes <= 1440:
            raise forms.ValidationError("Poll every 1 to 1440 minutes.")
        return minutes


class TipForm(forms.Form):
    """What a reader sends. `website` is a honeypot: hidden from people, filled in by bots."""

    text = forms.CharField(
        label="The claim you want checked",
        max_length=Tip.TEXT_MAX_LENGTH,
        min_length=10,
        widget=forms.Textarea(attrs={"rows": 5, "maxlength": Tip.TEXT_MAX_LENGTH}),
        help_text=f"In a sentence or two, up to {Tip.TEXT_MAX_LENGTH} characters.",
    )
    url = forms.URLField(
        label="Where you saw it (optional)",
        required=False,
        max_length=500,
        assume_scheme="https",
        help_text="A link to the article or post. We do not open it until an editor looks at your tip.",
    )
    email = forms.EmailField(
        label="Your e-mail (optional)",
        required=False,
        max_length=254,
        help_text="Only to tell you when we publish a verdict or decide not to check it.",
    )
    website = forms.CharField(
        required=False,
        label="Leave this empty",
        max_length=200,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    def is_from_a_bot(self):
        return bool(self.data.get("website"))


class TipDeclineForm(forms.Form):
    reason = forms.CharField(
        label="Why (the reader sees this)",
        max_length=300,
        required=False,
        widget=forms.TextInput(attrs={"placeholder": "e.g. an opinion, not a checkable fact"}),
    )


class TipAttachForm(forms.Form):
    claim = forms.ModelChoiceField(
        label="Claim with a verdict",
        queryset=Claim.objects.filter(verdict__isnull=False)
        .select_related("verdict")
        .order_by("-verdict__updated_at"),
        help_text="The reader is told when its verdict is published (at once if it already is).",
    )
