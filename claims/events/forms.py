"""The desk's event forms: editing an event, merging others into it, splitting claims off it."""

from django import forms
from django.db.models import Q

from .models import Event

# One merge folds at most this many events: bounded work per request.
MAX_MERGED = 50
MAX_SPLIT_CLAIMS = 500


class EventForm(forms.ModelForm):
    class Meta:
        model = Event
        fields = ["name", "kind", "place", "start_date", "end_date", "summary", "is_reviewed"]
        widgets = {
            "start_date": forms.DateInput(attrs={"type": "date"}),
            "end_date": forms.DateInput(attrs={"type": "date"}),
            "summary": forms.Textarea(attrs={"rows": 3}),
        }
        labels = {"is_reviewed": "Reviewed: show the event page to readers"}

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_date"), cleaned.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", "The event cannot end before it starts.")
        return cleaned


class MergeForm(forms.Form):
    """Events to fold into the one being edited (the survivor)."""

    duplicates = forms.ModelMultipleChoiceField(
        queryset=Event.objects.none(),
        label="Events that are the same as this one",
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose the events to merge into this one."},
    )

    def __init__(self, *args, survivor, **kwargs):
        super().__init__(*args, **kwargs)
        self.survivor = survivor
        # Likely duplicates: the same kind of event, or anything in the same place (a misread kind).
        alike = (
            Q(kind=survivor.kind) | Q(place__iexact=survivor.place)
            if survivor.place
            else Q(kind=survivor.kind)
        )
        self.fields["duplicates"].queryset = (
            Event.objects.exclude(pk=survivor.pk).filter(alike).newest_first()
        )

    def clean_duplicates(self):
        chosen = self.cleaned_data["duplicates"]
        if len(chosen) > MAX_MERGED:
            raise forms.ValidationError(f"Merge at most {MAX_MERGED} events at once.")
        return chosen


class SplitForm(forms.Form):
    claims = forms.ModelMultipleChoiceField(
        queryset=None,
        label="Claims about a different event",
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose the claims that are about a different event."},
    )
    name = forms.CharField(max_length=200, label="Name of the new event")

    def __init__(self, *args, event, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["claims"].queryset = event.claims.select_related("article__publisher").order_by("pk")

    def clean_claims(self):
        chosen = self.cleaned_data["claims"]
        if len(chosen) > MAX_SPLIT_CLAIMS:
            raise forms.ValidationError(f"Move at most {MAX_SPLIT_CLAIMS} claims at once.")
        return chosen
