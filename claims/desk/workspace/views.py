"""The claim workspace: one claim in its context, its evidence, its verdict, its status and its history.

Every action is a plain form post that redirects back with a message, so the page works without
JavaScript; htmx requests get the changed sections instead (the acted-on one swapped in place, the
others out of band) and a notice in the page's live region.
"""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from ...analysis.checkworthiness import FEATURE_WEIGHTS
from ...events.matching import already_checked
from ...models import Claim, EditConflict, Evidence, IllegalTransition
from ...newsroom.evidence import add_evidence, edit_evidence, remove_evidence, verdict_is_public
from ...permissions import editor_required
from ...rendering import CannotRender, article_excerpt, describe_reasons, relay_phrase, render_markdown
from ...reporting.series import series_with_own_points
from ...templatetags.board_tags import pk_urls
from ..board.cached_cards import cards_for
from ..board.queries import card_versions
from .forms import (
    HEADLINE_ADVISED_LENGTH,
    EvidenceEditForm,
    EvidenceForm,
    EvidenceRemoveForm,
    MoveForm,
    PublishForm,
    VerdictForm,
    can_publish,
    transition_buttons,
)
from .queries import (
    claim_evidence,
    claim_verdict,
    involving_contradictions,
    source_names,
    verdict_conflict,
    workspace_claim_queryset,
    workspace_history,
)

PAGE = "desk/workspace.html"


# --- Sections ------------------------------------------------------------------------------------------


def status_context(claim, overrides):
    verdict = claim_verdict(claim)
    return {
        "verdict": verdict,
        "transitions": transition_buttons(claim, verdict is not None),
        "can_publish": can_publish(claim, verdict is not None),
        "publish_form": overrides.get("publish_form"),
        "move_form": overrides.get("move_form"),
    }


def verdict_context(claim, overrides):
    verdict = claim_verdict(claim)
    form = overrides.get("verdict_form")
    if form is None:  # the stored verdict: its preview is the HTML rendered when it was saved
        form = VerdictForm.for_verdict(verdict)
        return {"verdict": verdict, "verdict_form": form, **preview_context(form, verdict)}
    return {"verdict": verdict, "verdict_form": form, **preview_context(form)}


def preview_context(form, saved=None):
    headline = form["headline"].value() or ""
    if saved is not None:
        explanation = mark_safe(saved.explanation_html)  # noqa: S308 - sanitised by nh3 when saved
    else:
        explanation = preview_of(form["explanation"].value() or "")
    return {
        "preview_headline": headline,
        "preview_summary": form["summary"].value() or "",
        "preview_explanation": explanation,
        "headline_length": len(headline),
        "headline_too_long": len(headline) > HEADLINE_ADVISED_LENGTH,
        "headline_advised_length": HEADLINE_ADVISED_LENGTH,
    }


def preview_of(text):
    """The typed explanation as it would be saved, or why it cannot be: a preview never fails the page."""
    try:
        return render_markdown(text)
    except CannotRender as refused:
        return format_html('<p class="form-error">{}</p>', refused)


def evidence_context(claim, overrides):
    return {
        "evidence_list": claim_evidence(claim),
        "evidence_form": overrides.get("evidence_form") or EvidenceForm(),
        "source_names": source_names(),
        "editing": overrides.get("editing"),  # the evidence whose edit form is open, if any
    }


def history_context(claim, overrides):
    contradiction_ids = overrides.get("contradiction_ids")
    if contradiction_ids is None:
        contradiction_ids = involving_contradictions(claim).values_list("pk", flat=True)
    return {"history": workspace_history(claim, contradiction_ids)}


SECTIONS = {
    "status-bar": status_context,
    "verdict-form": verdict_context,
    "evidence": evidence_context,
    "history": history_context,
}


def page_context(claim, overrides):
    figures = list(claim.figures.all())
    contradictions = cards_for(card_versions(involving_contradictions(claim)), pk_urls("desk:workspace"))
    context = {
        "excerpt": article_excerpt(
            claim.article.body, claim.start, claim.end, [(f.start, f.end) for f in figures]
        ),
        "figures": figures,
        "relay_phrase": relay_phrase((s.name, s.kind) for s in claim.relay_chain),
        "reported_series": series_with_own_points(claim),
        "contradictions": contradictions,
        "already_checked": list(already_checked(claim)),
        "checkworthiness_percent": round(claim.checkworthiness * 100),
        "checkworthy_reasons": describe_reasons(claim.checkworthy_reasons, FEATURE_WEIGHTS),
    }
    overrides = {"contradiction_ids": [c.pk for c in contradictions], **overrides}
    for build in SECTIONS.values():
        context.update(build(claim, overrides))
    return context


def respond(request, claim, sections, *, status=200, notice="", level="info", **overrides):
    """The first of `sections` for htmx (the rest out of band), else the whole page.

    An htmx response always replaces the live region, so that a notice of an earlier action (a green
    "Verdict saved.") never stays beside the outcome of this one."""
    context = {"claim": claim, "notice": notice, "notice_level": level, **overrides}
    if not request.htmx:
        context.update(page_context(claim, overrides))
        context.update(overrides)
        return render(request, PAGE, context, status=status)
    for name in sections:
        context.update(SECTIONS[name](claim, overrides))
    context.update(overrides)
    parts = [
        render_to_string(f"{PAGE}#{name}", {**context, "oob": index > 0}, request=request)
        for index, name in enumerate(sections)
    ]
    parts.append(render_to_string(f"{PAGE}#announcer", {**context, "oob": True}, request=request))
    return HttpResponse("".join(parts), status=status)


def done(request, claim, sections, notice, level="success", anchor=""):
    """After a successful change: the changed sections for htmx, a redirect with a message otherwise."""
    if request.htmx:
        return respond(request, claim, sections, notice=notice, level=level)
    messages.add_message(request, messages.SUCCESS if level == "success" else messages.WARNING, notice)
    return redirect(f"{claim.get_absolute_url()}{anchor}")


def load_claim(pk):
    return get_object_or_404(workspace_claim_queryset(), pk=pk)


# --- Views ---------------------------------------------------------------------------------------------


@require_safe
@editor_required
def workspace(request, pk):
    claim = load_claim(pk)
    context = {"claim": claim, **page_context(claim, {})}
    return render(request, f"{PAGE}#workspace" if request.htmx else PAGE, context)


@require_POST
@editor_required
def verdict_save(request, pk):
    claim = load_claim(pk)
    form = VerdictForm(request.POST)
    if not form.is_valid():
        return respond(request, claim, ["verdict-form"], status=422, verdict_form=form)
    try:
        form.save(claim, by=request.user)
    except EditConflict as error:
        conflict = verdict_conflict(
            error.current, form.cleaned_data["version"], form.cleaned_data, form.EDITABLE_FIELDS
        )
        form = form.with_version(error.current.version)
        notice = "The verdict was not saved: another editor saved it first."
        return respond(
            request,
            claim,
            ["verdict-form"],
            status=409,
            verdict_form=form,
            conflict=conflict,
            notice=notice,
            level="error",
        )
    except CannotRender as refused:
        form.add_error("explanation", str(refused))
        return respond(request, claim, ["verdict-form"], status=422, verdict_form=form)
    except IllegalTransition as error:
        form.add_error(None, str(error))
        return respond(request, claim, ["verdict-form"], status=409, verdict_form=form)
    return done(
        request, claim, ["verdict-form", "status-bar", "history"], "Verdict saved.", anchor="#verdict"
    )


@require_POST
@editor_required
def verdict_preview(request, pk):
    claim = load_claim(pk)
    form = VerdictForm(request.POST)
    if request.htmx:
        context = {"claim": claim, "preview_oob": True, **preview_context(form)}
        return render(request, f"{PAGE}#verdict-preview", context)
    return respond(request, claim, ["verdict-form"], verdict_form=form, preview_only=True)


@require_POST
@editor_required
def evidence_add(request, pk):
    claim = load_claim(pk)
    form = EvidenceForm(request.POST)
    if not form.is_valid():
        return respond(request, claim, ["evidence"], status=422, evidence_form=form)
    evidence = add_evidence(claim, **form.cleaned_data, by=request.user)
    notice = "Evidence added; the page is being archived." if evidence.is_archiving else "Evidence added."
    return done(request, claim, ["evidence"], notice, anchor=f"#evidence-{evidence.pk}")


def load_evidence(claim, evidence_pk):
    return get_object_or_404(
        Evidence.objects.select_related("source", "added_by"), claim=claim, pk=evidence_pk
    )


@require_safe
@editor_required
def evidence_item(request, pk, evidence_pk):
    """One evidence item as it stands; polled while its page is being archived."""
    claim = load_claim(pk)
    item = load_evidence(claim, evidence_pk)
    if request.htmx and item.is_archiving and request.GET.get("seen") == item.archive_status:
        return HttpResponse(status=204)  # nothing new: keep the item (and screen readers) quiet
    if not request.htmx:
        return redirect(f"{claim.get_absolute_url()}#evidence-{item.pk}")
    parts = [
        render_to_string(
            "desk/includes/workspace_evidence_item.html", {"claim": claim, "item": item}, request
        )
    ]
    notice, level = archive_notice(item)
    if notice and request.GET.get("seen") == Evidence.Archive.PENDING:  # it has just finished: say so
        context = {"notice": notice, "notice_level": level, "oob": True}
        parts.append(render_to_string(f"{PAGE}#announcer", context, request=request))
    return HttpResponse("".join(parts))


def archive_notice(item):
    """What the live region says when an item's page has been archived, or could not be."""
    page = f"The page cited for {item.source}" if item.source else f"The page {item.url[:60]}"
    if item.is_archived and item.quote_verified is False:
        return f"{page} is archived, but the quote was not found in it.", "warning"
    if item.is_archived:
        return f"{page} is archived.", "success"
    if item.archive_status == Evidence.Archive.FAILED:
        return f"{page} could not be archived: {item.archive_error}", "warning"
    return "", ""


def edit_forms(claim, evidence, edit_data=None, remove_data=None):
    """The edit and remove forms of one evidence item; a note is required once the verdict is public."""
    public = verdict_is_public(claim)
    edit_form = (
        EvidenceEditForm(edit_data, public=public, prefix=f"edit-{evidence.pk}")
        if edit_data is not None
        else EvidenceEditForm.for_evidence(evidence, public)
    )
    remove_form = EvidenceRemoveForm(remove_data, public=public, prefix=f"remove-{evidence.pk}")
    return {"editing": evidence, "edit_form": edit_form, "remove_form": remove_form}


@require_http_methods(["GET", "HEAD", "POST"])
@editor_required
def evidence_edit(request, pk, evidence_pk):
    claim = load_claim(pk)
    evidence = load_evidence(claim, evidence_pk)
    forms = edit_forms(claim, evidence, edit_data=request.POST if request.method == "POST" else None)
    if request.method != "POST":
        return respond(request, claim, ["evidence"], **forms)
    if not forms["edit_form"].is_valid():
        return respond(request, claim, ["evidence"], status=422, **forms)
    evidence = edit_evidence(evidence, **forms["edit_form"].changes(), by=request.user)
    notice = "Evidence saved" + ("; the new page is being archived." if evidence.is_archiving else ".")
    return done(request, claim, ["evidence"], notice, anchor=f"#evidence-{evidence.pk}")


@require_POST
@editor_required
def evidence_remove(request, pk, evidence_pk):
    claim = load_claim(pk)
    evidence = load_evidence(claim, evidence_pk)
    forms = edit_forms(claim, evidence, remove_data=request.POST)
    if not forms["remove_form"].is_valid():
        return respond(request, claim, ["evidence"], status=422, **forms)
    remove_evidence(evidence, note=forms["remove_form"].cleaned_data["note"], by=request.user)
    return done(request, claim, ["evidence"], "Evidence removed.", anchor="#evidence")


@require_POST
@editor_required
def claim_move(request, pk):
    claim = load_claim(pk)
    form = MoveForm(request.POST)
    if not form.is_valid():
        notice = "Choose a status to move to." if "status" in form.errors else form.errors["reason"][0]
        return respond(
            request, claim, ["status-bar"], status=422, notice=notice, level="error", move_form=form
        )
    status = Claim.Status(form.cleaned_data["status"])
    withdrawing = status == Claim.Status.DISMISSED and claim.public_verdict is not None
    try:
        if status == Claim.Status.IN_REVIEW and claim.status == Claim.Status.NEW:
            claim.start_review(by=request.user)
        else:
            claim.move_to(status, by=request.user, reason=form.cleaned_data["reason"])
    except IllegalTransition as error:
        return respond(
            request, claim, ["status-bar"], status=409, notice=str(error), level="error", move_form=form
        )
    if withdrawing:
        notice = "The verdict is withdrawn: its address now tells readers why."
        return done(request, claim, ["status-bar", "verdict-form", "history"], notice)
    return done(
        request, claim, ["status-bar", "verdict-form", "history"], f"The claim is now “{status.label}”."
    )


@require_POST
@editor_required
def claim_publish(request, pk):
    claim = load_claim(pk)
    verdict = claim_verdict(claim)
    if not can_publish(claim, verdict is not None):
        notice = (
            "Only a claim in review or with a drafted verdict can be published, and it needs a verdict first."
        )
        return respond(request, claim, ["status-bar"], status=409, notice=notice, level="error")
    form = PublishForm(request.POST, claim=claim, verdict=verdict, prefix="publish")
    if not form.is_valid():
        # Nothing is published yet: the same button again, with what to confirm (works without JavaScript).
        return respond(request, claim, ["status-bar"], status=422, publish_form=form)
    try:
        verdict.publish(
            by=request.user, reason=form.cleaned_data["reason"], expected_version=form.cleaned_data["version"]
        )
    except EditConflict:
        notice = "The verdict changed since you looked at it: read the new version, then publish again."
        return respond(
            request, claim, ["status-bar", "verdict-form"], status=409, notice=notice, level="error"
        )
    except IllegalTransition as error:
        return respond(request, claim, ["status-bar"], status=409, notice=str(error), level="error")
    notice = format_html(
        'Published — <a href="{}" data-testid="public-link">view it on the public site</a>.',
        verdict.get_absolute_url(),
    )
    return done(request, claim, ["status-bar", "verdict-form", "history"], notice)


@require_POST
@editor_required
def claim_assign(request, pk):
    claim = load_claim(pk)
    claim.assign_to(request.user)
    return done(request, claim, ["status-bar", "history"], "The claim is assigned to you.")
