"""What readers and editors wait for, measured with wrk against gunicorn on loopback.

For each scale (claims in the database) it fills a separate PostgreSQL database (COPY, see fill.py),
starts gunicorn as `make serve` does, signs an editor in, and runs wrk for each page in turn, beside
/healthz measured in the same run. Pages the cache could answer are asked for with a different URL
each request (another slug, claim or article; public pages get a query string the cache keys on), so
the numbers are what a cache miss costs. It prints req/s, p50/p95/p99 and the share of /healthz.
"""

import json
import os
import random
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from importlib import import_module
from pathlib import Path

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.test import override_settings

from claims.models import Article, Claim, Verdict
from claims.roles import ensure_roles

LUA_SCRIPT = Path(__file__).with_name("paths.lua")


@dataclass
class Page:
    name: str
    paths: list
    signed_in: bool = False


@dataclass
class Result:
    name: str
    requests_per_second: float
    p50: float
    p95: float
    p99: float
    errors: int


def run_wrk(port, page, seconds, connections_, cookie):
    """wrk on `page` for `seconds`: its JSON summary line as a Result."""
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as paths_file:
        paths_file.write("\n".join(page.paths) + "\n")
    env = {**os.environ, "PATHS_FILE": paths_file.name, "COOKIE": cookie if page.signed_in else ""}
    threads = min(2, connections_)
    command = ["wrk", f"-t{threads}", f"-c{connections_}", f"-d{seconds}s", "--timeout", "10s"]
    command += ["-s", str(LUA_SCRIPT), f"http://127.0.0.1:{port}"]
    try:
        output = subprocess.run(command, env=env, capture_output=True, text=True, check=True).stdout
    finally:
        os.unlink(paths_file.name)
    summary = json.loads(output.strip().splitlines()[-1])
    return Result(
        page.name,
        summary["requests"] / summary["seconds"],
        summary["p50"],
        summary["p95"],
        summary["p99"],
        summary["non2xx"] + summary["socket"],
    )


def editor_cookie(secret_key):
    """A session cookie for a desk editor, signed with the key the server will run with."""
    ensure_roles()
    user, _ = get_user_model().objects.get_or_create(username="load-editor")
    user.groups.add(Group.objects.get(name="Editors"))
    engine = import_module(settings.SESSION_ENGINE)
    with override_settings(SECRET_KEY=secret_key):
        session = engine.SessionStore()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.create()
    return user, f"{settings.SESSION_COOKIE_NAME}={session.session_key}"


def pages(editor, sample=2000, seed=11):
    """The pages people hit, each as the list of URLs wrk cycles through."""
    rng = random.Random(seed)

    def bust(paths):
        return [f"{p}{'&' if '?' in p else '?'}b={n}" for n, p in enumerate(paths)]

    slugs = list(Verdict.objects.published().order_by("?").values_list("slug", flat=True)[:sample])
    claim_ids = list(Claim.objects.order_by("?").values_list("pk", flat=True)[:sample])
    article_ids = list(Article.objects.order_by("?").values_list("pk", flat=True)[:sample])
    terms = ["toll", "ministry", "injured", "hospital", "police", "protest", "figure", "clashes"]
    rounds = range(max(1, sample // len(terms)))
    return [
        Page("verdict page, same URL (cached)", [f"/verdicts/{slugs[0]}/"]),
        Page("verdict pages, another each time", bust([f"/verdicts/{s}/" for s in slugs])),
        Page("home, uncached", bust(["/"] * sample)),
        Page("search", bust([f"/search/?q={rng.choice(terms)}" for _ in rounds for _ in terms])),
        # The API refuses parameters it does not know, so its URLs differ by page and page size alone.
        Page(
            "API verdict list",
            [
                f"/api/verdicts?page={rng.randrange(1, 20)}&page_size={rng.randrange(10, 101)}"
                for _ in range(sample)
            ],
        ),
        Page("queue", ["/desk/claims/"], signed_in=True),
        Page("queue, filtered", [f"/desk/claims/?status=in_review&assignee={editor.pk}"], signed_in=True),
        Page("queue, page 20", ["/desk/claims/?page=20"], signed_in=True),
        Page("workspace", [f"/desk/claims/{pk}/" for pk in claim_ids], signed_in=True),
        Page("board", ["/desk/contradictions/"], signed_in=True),
        Page("article page", [f"/desk/articles/{pk}/" for pk in article_ids], signed_in=True),
    ]


def measure(port, page_list, seconds, connections_, cookie, write):
    """Each page beside /healthz: /healthz before and after, its share against their mean."""
    healthz = Page("/healthz", ["/healthz"])
    header = f"{'page':<34} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'errors':>7} {'of /healthz':>11}"
    write(header)
    write("-" * len(header))
    baseline = run_wrk(port, healthz, seconds, connections_, cookie)
    write(line(baseline, baseline.requests_per_second))
    results = [baseline]
    for page in page_list:
        cache.clear()
        result = run_wrk(port, page, seconds, connections_, cookie)
        results.append(result)
        write(line(result, baseline.requests_per_second))
    again = run_wrk(port, healthz, seconds, connections_, cookie)
    write(line(again, baseline.requests_per_second) + "  (again, at the end)")
    return results


def line(result, healthz_rps):
    share = 100 * result.requests_per_second / healthz_rps if healthz_rps else float("nan")
    return (
        f"{result.name:<34} {result.requests_per_second:>8.0f} {result.p50:>8.1f} {result.p95:>8.1f} "
        f"{result.p99:>8.1f} {result.errors:>7} {share:>10.0f}%"
    )


def require_wrk():
    if not shutil.which("wrk"):
        raise RuntimeError(
            "The load benchmark needs wrk (Debian: apt-get install wrk; `make bench-load` installs it)."
        )
