"""What the desk's forms share: the one message an action answers with when its input is wrong, and a
select that writes its own options."""

from django import forms
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe

from ..display import escape as quick_escape  # html.escape, without the lazy-string wrappers: 250 options


class ActionForm(forms.Form):
    """A form behind one action (a board move, a bulk move): refused with its first error, in words."""

    def first_error(self):
        return next(iter(error for errors in self.errors.values() for error in errors), "")


class QuickSelect(forms.Select):
    """A select whose options are written here rather than by Django's per-option widget template, which
    costs about 0.1 ms an option: 25 ms of every queue page for a newsroom's 250 sources. Every select of the
    queue's filters uses it (the measures alone are dozens of options), and the workspace's rating and
    stance. Options are written straight from
    the choices, without the per-option dictionaries of `optgroups`; grouped choices are not supported."""

    def render(self, name, value, attrs=None, renderer=None):  # noqa: ARG002 - Django's widget signature
        chosen = self.format_value(value)
        has_selected = False
        options = []
        for option_value, label in self.choices:
            option_value = "" if option_value is None else str(option_value)
            # Like Django's Select: only the first matching option is selected.
            selected = not has_selected and option_value in chosen
            has_selected |= selected
            options.append(
                f'<option value="{quick_escape(option_value)}"{" selected" if selected else ""}>'
                f"{quick_escape(label)}</option>"
            )
        return format_html(
            '<select name="{}"{}>{}</select>',
            name,
            html_attributes(self.build_attrs(self.attrs, attrs)),
            mark_safe("".join(options)),
        )


def html_attributes(attrs):
    """The attributes as Django's widget template writes them (django/forms/widgets/attrs.html): in
    their order (flatatt sorts them), True as the bare name, False left out."""
    return mark_safe(
        "".join(
            f" {escape(name)}" if value is True else f' {escape(name)}="{escape(value)}"'
            for name, value in attrs.items()
            if value is not False
        )
    )
