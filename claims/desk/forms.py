"""What the desk's action forms share: the one message an action answers with when its input is wrong."""

from django import forms


class ActionForm(forms.Form):
    """A form behind one action (a board move, a bulk move): refused with its first error, in words."""

    def first_error(self):
        return next(iter(error for errors in self.errors.values() for error in errors), "")
