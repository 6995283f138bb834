"""Concurrent verdict edits through the production server: no edit is lost, none fails with a 5xx.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/factcheck python -m claims.benchmarks edits
    python -m claims.benchmarks edits --threads 8 --edits 400 --rows 3

Starts gunicorn (2 workers, DEBUG off) on a free port over a separate database (factcheck_edits), logs
editors in over HTTP (as behind the TLS proxy: X-Forwarded-Proto https, so secure cookies and CSRF's
origin check work) and has them open and save a few verdicts as fast as they can. Each save either wins
(302) or is refused as a conflict (409). At the end the successful saves must equal the versions the
verdicts gained; the command fails otherwise, or on any 5xx.
"""

import http.client
import re
import secrets
import threading
import time
from collections import Counter
from urllib.parse import urlencode

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connections

from claims.models import Claim, Verdict
from claims.roles import ensure_roles

from ..server import production_server, use_database

VERSION_INPUT = re.compile(r'name="version"[^>]*value="(\d+)"|value="(\d+)"[^>]*name="version"')


class Browser:
    """One editor's keep-alive connection with its cookies."""

    def __init__(self, port):
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        self.cookies = {}

    def request(self, method, path, form=None):
        headers = {"X-Forwarded-Proto": "https", "Host": "127.0.0.1", "Origin": "https://127.0.0.1"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if form is not None:
            body = urlencode({**form, "csrfmiddlewaretoken": self.cookies.get("csrftoken", "")})
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Referer"] = f"https://127.0.0.1{path}"
        self.conn.request(method, path, body=body, headers=headers)
        response = self.conn.getresponse()
        content = response.read().decode()
        for cookie in response.headers.get_all("Set-Cookie") or []:
            name, _, value = cookie.split(";", 1)[0].partition("=")
            self.cookies[name] = value
        return response.status, content

    def log_in(self, username, password):
        self.request("GET", "/accounts/login/")
        status, _ = self.request("POST", "/accounts/login/", {"username": username, "password": password})
        if status != 302:
            raise CommandError(f"{username} could not log in over HTTP ({status})")


class EditRun:
    """What the editors' threads share: the edits left to make, the outcomes so far, and one lock."""

    def __init__(self, claims, edits, deadline, editors, password):
        self.claims, self.remaining, self.deadline = claims, edits, deadline
        self.editors, self.password = editors, password
        self.outcomes, self.lock = Counter(), threading.Lock()

    def take_edit(self):
        with self.lock:
            if self.remaining <= 0:
                return False
            self.remaining -= 1
            return True

    def count(self, outcome):
        with self.lock:
            self.outcomes[outcome] += 1

    def editor(self, n, port):
        """Editor `n`: open a verdict, save it with the version the page gave, until time or edits run out."""
        browser = Browser(port)
        browser.log_in(self.editors[n], self.password)
        i = 0
        while time.monotonic() < self.deadline:
            if not self.take_edit():
                return
            claim_id = self.claims[(n + i) % len(self.claims)]
            i += 1
            status, page = browser.request("GET", f"/desk/claims/{claim_id}/")
            match = VERSION_INPUT.search(page)
            if status != 200 or not match:
                self.count(f"open {status}")
                continue
            form = {
                "rating": "false" if i % 2 else "misleading",
                "headline": f"Edited by editor {n}, edit {i}",
                "summary": "The figure was revised the next day.",
                "explanation": "",
                "version": match.group(1) or match.group(2),
            }
            status, _ = browser.request("POST", f"/desk/claims/{claim_id}/verdict/", form)
            self.count({302: "saved", 409: "conflict"}.get(status, f"status {status}"))


class Command(BaseCommand):
    help = "Many editors saving a few verdicts at once through gunicorn; checks that no edit is lost."

    def add_arguments(self, parser):
        parser.add_argument("--database-name", default="factcheck_edits")
        parser.add_argument("--threads", type=int, default=8)
        parser.add_argument("--edits", type=int, default=400, help="Save attempts in all.")
        parser.add_argument("--rows", type=int, default=3, help="Verdicts the editors fight over.")
        parser.add_argument("--seconds", type=float, default=120, help="Stop after this long at most.")

    def handle(self, *args, database_name, threads, edits, rows, seconds, **options):
        database_url = use_database(database_name)
        call_command("migrate", verbosity=0)
        ensure_roles()
        password = secrets.token_urlsafe(16)
        editors = self.editors(threads, password)
        claims = self.verdicts(rows)
        start_versions = dict(Verdict.objects.filter(claim__in=claims).values_list("claim_id", "version"))
        connections.close_all()

        run = EditRun(claims, edits, time.monotonic() + seconds, editors, password)

        started = time.perf_counter()
        with production_server(database_url) as port:
            workers = [threading.Thread(target=run.editor, args=(n, port)) for n in range(threads)]
            for worker in workers:
                worker.start()
            for worker in workers:
                worker.join()
        elapsed = time.perf_counter() - started
        outcomes = run.outcomes

        gained = sum(
            version - start_versions[claim_id]
            for claim_id, version in Verdict.objects.filter(claim__in=claims).values_list(
                "claim_id", "version"
            )
        )
        server_errors = sum(count for outcome, count in outcomes.items() if re.search(r"\b5\d\d\b", outcome))
        self.stdout.write(
            f"{threads} editors, {len(claims)} verdicts, {sum(outcomes.values())} saves in {elapsed:.1f} s"
        )
        for outcome, count in sorted(outcomes.items()):
            self.stdout.write(f"  {outcome:<12} {count:>6}")
        self.stdout.write(f"  versions gained {gained:>3}")
        if outcomes["saved"] != gained or server_errors:
            raise CommandError(f"Lost or failed edits: {outcomes['saved']} saves, {gained} versions gained")
        self.stdout.write("OK: successful saves == version increments, no 5xx")

    def editors(self, count, password):
        from django.contrib.auth.models import Group, User

        group = Group.objects.get(name="Editors")
        names = [f"bench-editor-{n}" for n in range(count)]
        for name in names:
            user, _ = User.objects.get_or_create(username=name)
            user.set_password(password)
            user.save()
            user.groups.add(group)
        return names

    def verdicts(self, count):
        from tests.factories import make_claim, make_verdict  # noqa: PLC0415 - bench data only

        claims = list(
            Claim.objects.filter(verdict__headline__startswith="Bench verdict").order_by("pk")[:count]
        )
        while len(claims) < count:
            claim = make_claim(status=Claim.Status.VERDICT_DRAFTED)
            make_verdict(claim=claim, headline=f"Bench verdict {claim.pk}")
            claims.append(claim)
        return [claim.pk for claim in claims]
