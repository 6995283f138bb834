"""Forms of the review queue: the GET filter form and the bulk-action form over ticked rows."""

from django import forms

from ...models import Claim, Measure, Source
from ..forms import ActionForm, QuickSelect
from ..fragments import under_names
from .queries import desk_editors

STATUS_CHOICES = [("", "In the queue"), ("all", "Any status"), *Claim.Status.choices]
SORT_CHOICES = [
    ("newest", "Newest first"),
    ("oldest", "Oldest first"),
    ("checkworthiness", "Most check-worthy"),
    ("status", "By status"),
]


def source_options():
    return under_names(
        "source-options", lambda: list(Source.objects.order_by("name").values_list("slug", "name"))
    )


class QueueFilterForm(forms.Form):
    """Every field is optional and a bad value is simply ignored, so any bookmarked URL still renders."""

    q = forms.CharField(
        label="Text",
        required=False,
        max_length=200,
        widget=forms.SearchInput(attrs={"placeholder": "Words in the claim", "autocomplete": "off"}),
    )
    status = forms.ChoiceField(choices=STATUS_CHOICES, required=False, widget=QuickSelect)
    assignee = forms.ChoiceField(required=False, widget=QuickSelect)
    measure = forms.ChoiceField(
        choices=[("", "Any measure"), *Measure.choices], required=False, widget=QuickSelect
    )
    source = forms.ModelChoiceField(
        queryset=Source.objects.order_by("name").only("slug", "name"),
        widget=QuickSelect,
        to_field_name="slug",
        required=False,
        empty_label="Any source",
        help_text="Speaker, publisher or a relay in the chain.",
    )
    open_contradictions = forms.BooleanField(label="Has open contradictions", required=False)
    already_checked = forms.BooleanField(
        label="Already checked (matches a published verdict)", required=False
    )
    sort = forms.ChoiceField(choices=SORT_CHOICES, required=False, widget=QuickSelect)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "queue-filter-%s")
        super().__init__(*args, **kwargs)
        editors = [(str(user.pk), user.get_full_name() or user.get_username()) for user in desk_editors()]
        # The page's htmx trigger listens for `change` on these; the search box has its own debounced trigger.
        for name, form_field in self.fields.items():
            if name != "q":
                form_field.widget.attrs["class"] = "queue-filter-control"
        # The options as (slug, name) rows, kept in the cache until a source changes: the model field's
        # own iterator builds a Source per option (250 of them on every queue page). Validation still
        # goes through the queryset.
        self.fields["source"].widget.choices = [("", self.fields["source"].empty_label), *source_options()]
        self.fields["assignee"].choices = [
            ("", "Anyone"),
            ("mine", "Assigned to me"),
            ("unassigned", "Unassigned"),
            *editors,
        ]

    def filters(self):
        """The valid filters as keyword arguments for `queries.filter_queue`."""
        self.is_valid()
        data = self.cleaned_data
        return {
            "status": data.get("status") or "",
            "assignee": data.get("assignee") or "",
            "measure": data.get("measure") or "",
            "source": data.get("source"),
            "open_contradictions": bool(data.get("open_contradictions")),
            "already_checked": bool(data.get("already_checked")),
            "text": (data.get("q") or "").strip(),
            "sort": data.get("sort") or "newest",
        }


class BulkActionForm(ActionForm):
    ACTIONS = [("assign_me", "Assign to me"), ("review", "Move to review"), ("dismiss", "Dismiss")]

    action = forms.ChoiceField(
        choices=ACTIONS, error_messages={"required": "Choose what to do with the claims."}
    )
    claims = forms.ModelMultipleChoiceField(
        queryset=Claim.objects.all(),
        error_messages={"required": "Tick at least one claim first."},
    )
