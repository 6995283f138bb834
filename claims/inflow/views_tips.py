"""Readers' tips, public side: the form (no JavaScript needed) and the private status page."""

from django.conf import settings
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from .forms import TipForm
from .models import Tip
from .tips import over_rate_limit


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def tip_new(request):
    form = TipForm(request.POST or None)
    context = {"form": form, "retention_days": settings.TIPS_RETENTION_DAYS}
    if request.method == "POST":
        if form.is_valid() and form.is_from_a_bot():
            return render(request, "tips/sent_to_a_bot.html")  # looks like success; nothing is stored
        if form.is_valid():
            if over_rate_limit(request):
                return render(request, "tips/new.html", {**context, "rate_limited": True}, status=429)
            tip = Tip.submit(**{name: form.cleaned_data[name] for name in ("text", "url", "email")})
            return redirect(tip)
        return render(request, "tips/new.html", context, status=422)
    return render(request, "tips/new.html", context)


@never_cache
@require_safe
def tip_status(request, token):
    tip = get_object_or_404(Tip.objects.select_related("claim__verdict"), token=token)
    response = render(
        request, "tips/status.html", {"tip": tip, "retention_days": settings.TIPS_RETENTION_DAYS}
    )
    response["X-Robots-Tag"] = "noindex"
    return response
