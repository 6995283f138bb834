"""Readers' tips: the per-address rate limit, the editor's answers, and the e-mails to the reader.

The reader's address is used for nothing but these two e-mails; tips are deleted after
TIPS_RETENTION_DAYS (`manage.py purge_tips`). URLs in tips are never fetched when a tip is sent.
"""

import logging
import smtplib

from django.conf import settings
from django.core.cache import cache
from django.core.mail import send_mail
from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver
from django.template.loader import render_to_string
from django.utils import timezone

from ..models import Article, Claim, Verdict, content_hash
from .models import Tip

RATE_WINDOW_SECONDS = 3600
log = logging.getLogger(__name__)


def client_address(request):
    """The sender's address. Behind DJANGO_PROXY_COUNT proxies (the setting axes is given), it is the
    entry our outermost proxy added to X-Forwarded-For; what the client wrote before it is ignored."""
    proxies = settings.AXES_IPWARE_PROXY_COUNT
    forwarded = [
        part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()
    ]
    if proxies and forwarded:
        return forwarded[-min(proxies, len(forwarded))]
    return request.META.get("REMOTE_ADDR", "unknown")


def rate_key(request):
    return f"tips:sent-from:{client_address(request)}"


def over_rate_limit(request):
    """True when this address has sent TIPS_PER_HOUR tips in the current hour; counts this one if not."""
    key = rate_key(request)
    cache.add(key, 0, RATE_WINDOW_SECONDS)
    try:
        sent = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, RATE_WINDOW_SECONDS)
        sent = 1
    return sent > settings.TIPS_PER_HOUR


def resolve_group(tip, *, status, by, claim=None, reason=""):
    group = tip.group()
    group.update(
        status=status, claim=claim, decline_reason=reason, resolved_by=by, resolved_at=timezone.now()
    )
    return list(group)


def turn_into_claim(tip, by):
    """A new claim on the desk, its text the tip's, in an article of its own marked as a reader's tip."""
    with transaction.atomic():
        article = Article.objects.filter(content_hash=content_hash(tip.text)).first()
        if article is None:
            article = Article.objects.create(
                body=tip.text, title=f"Reader's tip: {tip.text[:80]}", ingested_by=by
            )
        claim = article.claims.order_by("start").first() or Claim.objects.create(
            article=article, text=tip.text, start=0, end=len(tip.text)
        )
        resolve_group(tip, status=Tip.Status.CHECKING, by=by, claim=claim)
    return claim


def attach_to_claim(tip, claim, by):
    with transaction.atomic():
        tips = resolve_group(tip, status=Tip.Status.CHECKING, by=by, claim=claim)
    verdict = getattr(claim, "verdict", None)
    if verdict is not None and verdict.is_published:
        notify_verdict(verdict, tips)


def decline(tip, by, reason=""):
    with transaction.atomic():
        tips = resolve_group(tip, status=Tip.Status.DECLINED, by=by, reason=reason)
    for each in tips:
        tell(each, "declined")


def tell(tip, what, verdict=None):
    """E-mail the reader who asked, if they left an address, once per outcome."""
    if not tip.email or tip.notified_at:
        return
    context = {"tip": tip, "verdict": verdict, "site_url": settings.SITE_URL, "site_name": settings.SITE_NAME}
    subject = (
        f"We checked the claim you sent: {verdict.get_published_rating_display()}"
        if verdict
        else "About the claim you asked us to check"
    )
    try:
        send_mail(subject, render_to_string(f"tips/email_{what}.txt", context), None, [tip.email])
    except (smtplib.SMTPException, OSError):
        # A mail server that is down must not undo the editor's answer; the status page says it all.
        log.exception("Could not e-mail the reader of tip %s", tip.pk)
        return
    Tip.objects.filter(pk=tip.pk).update(notified_at=timezone.now())


def notify_verdict(verdict, tips=None):
    tips = (
        tips if tips is not None else Tip.objects.filter(claim=verdict.claim_id, status=Tip.Status.CHECKING)
    )
    for tip in tips:
        Tip.objects.filter(pk=tip.pk).update(status=Tip.Status.ANSWERED)
        tell(tip, "verdict", verdict)


@receiver(post_save, sender=Verdict, dispatch_uid="tips-verdict-published")
def verdict_saved(sender, instance, **kwargs):
    """When a verdict is published, whoever sent a tip about its claim hears of it (after the commit)."""
    if instance.is_published and not kwargs.get("raw"):
        transaction.on_commit(lambda: notify_verdict(instance))
