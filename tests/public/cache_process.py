"""One stand-in for a web worker, for tests/public/test_shared_cache.py: a separate Python process that reads
one JSON command a line on stdin and answers one JSON line on stdout.

    {"get": "/path/"}                      → {"status": 200, "cache": "hit" or "", "body": "…"}
    {"publish": "Headline"}                → {"url": "/verdicts/…/"}
    {"edit": "/verdicts/…/", "headline": "New"} → {"ok": true}

It talks to whatever database and cache the environment names (DATABASE_URL, FACTCHECK_CACHE).
"""

import json
import os
import sys

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "factcheck.settings")
django.setup()

from django.test import Client  # noqa: E402

from claims.models import Verdict  # noqa: E402
from tests.factories import make_published_verdict, republish  # noqa: E402


def answer(command, client):
    if "get" in command:
        response = client.get(command["get"])
        return {"status": response.status_code, "cache": response.get("X-Cache", ""), "body": response.text}
    if "publish" in command:
        return {"url": make_published_verdict(headline=command["publish"]).get_absolute_url()}
    if "edit" in command:
        verdict = Verdict.objects.get(slug=command["edit"].strip("/").split("/")[-1])
        republish(verdict, "Corrected.", headline=command["headline"])
        return {"ok": True}
    raise ValueError(f"Unknown command: {command}")


def main():
    client = Client()
    for line in sys.stdin:
        print(json.dumps(answer(json.loads(line), client)), flush=True)


if __name__ == "__main__":
    main()
