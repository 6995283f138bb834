"""Forms behind the contradiction board's actions: each checks its input and applies one model move."""

from django import forms

from ...models import Contradiction, IllegalTransition
from ..forms import ActionForm


class ContradictionActionForm(ActionForm):
    """Confirm or dismiss, with an optional note for the record."""

    note = forms.CharField(required=False, max_length=2000, widget=forms.Textarea)

    def __init__(self, action, *args, **kwargs):
        self.action = action
        super().__init__(*args, **kwargs)

    def apply(self, contradiction, by):
        """Make the move (raises IllegalTransition) and return what to announce."""
        getattr(contradiction, self.action)(by=by, note=self.cleaned_data["note"])
        return f"Marked as {contradiction.get_status_display().lower()}"

    def attempt(self, contradiction, by):
        """Validate and apply. Returns (200, what to announce), (422, the input's error) or (409, why the
        move was refused), the statuses the action's response carries."""
        if not self.is_valid():
            return 422, self.first_error()
        try:
            return 200, self.apply(contradiction, by=by)
        except IllegalTransition as refusal:
            return 409, str(refusal)


class ExplainForm(ContradictionActionForm):
    resolution = forms.ChoiceField(
        choices=Contradiction.Explanation.choices,
        error_messages={
            "invalid_choice": "Choose one of the listed reasons.",
            "required": "Choose a reason.",
        },
    )

    def clean(self):
        cleaned = super().clean()
        if (
            cleaned.get("resolution") == Contradiction.Explanation.OTHER
            and not cleaned.get("note", "").strip()
        ):
            self.add_error("note", "Say in a note how the figures are explained.")
        return cleaned

    def apply(self, contradiction, by):
        contradiction.explain(self.cleaned_data["resolution"], by=by, note=self.cleaned_data["note"])
        return "Marked as explained"


class ReopenForm(ContradictionActionForm):
    def apply(self, contradiction, by):
        contradiction.reopen(by=by)
        return "Reopened"


ACTION_FORMS = {
    "confirm": ContradictionActionForm,
    "explain": ExplainForm,
    "dismiss": ContradictionActionForm,
    "reopen": ReopenForm,
}


class BoardFilterForm(forms.Form):
    # Open first (the board's default), then every status at once, then the others in the model's order.
    STATUSES = [Contradiction.Status.choices[0], ("all", "All"), *Contradiction.Status.choices[1:]]

    status = forms.ChoiceField(choices=STATUSES, required=False)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "board-filter-%s")
        super().__init__(*args, **kwargs)

    def chosen_status(self):
        return (self.cleaned_data.get("status") if self.is_valid() else "") or "open"
