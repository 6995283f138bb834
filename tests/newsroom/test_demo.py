"""`manage.py demo`: a demo newsroom that loads the same way every time and never undoes an editor's work."""

from io import StringIO

import pytest
from django.apps import apps
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command

from claims.models import Claim, Contradiction, Source, Verdict

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def debug_on(settings, monkeypatch):
    settings.DEBUG = True
    monkeypatch.delenv("DEMO_PASSWORD", raising=False)


def demo(*args):
    out = StringIO()
    call_command("demo", *args, stdout=out)
    return out.getvalue()


def row_counts():
    models = [*apps.get_app_config("claims").get_models(), User, User.groups.through]
    return {model._meta.label: model.objects.count() for model in models}


def test_running_it_twice_leaves_the_same_rows():
    demo("--password", "first-pass-1")
    first = row_counts()
    demo()
    assert row_counts() == first


def test_it_loads_articles_sources_claims_and_figures():
    demo("--password", "pw-for-test-1")
    counts = row_counts()
    assert counts["claims.Article"] >= 4
    assert counts["claims.Claim"] > counts["claims.Article"]
    assert counts["claims.Figure"] > 0
    assert counts["claims.SourceAlias"] > 0


def test_people_sit_under_the_bodies_they_speak_for():
    demo("--password", "pw-for-test-1")
    assert Source.objects.get(name="Saltanat Azirbek").parent.name == "Almaty City Police Department"
    assert Source.objects.matching("Ajar Guiniat").get().parent.name == "Ministry of Health of Kazakhstan"
    assert Source.objects.matching("Khabar-24").get().name == "Khabar 24"


def test_users_are_in_the_right_groups():
    demo("--password", "pw-for-test-1")
    admin, editor, editor2 = (User.objects.get(username=name) for name in ["admin", "editor", "editor2"])
    assert admin.is_superuser and admin.is_staff
    assert admin.groups.filter(name="Admins").exists()
    assert editor.groups.filter(name="Editors").exists() and not editor.is_staff
    assert editor2.groups.filter(name="Editors").exists() and not editor2.is_staff


def test_claims_are_in_every_status():
    demo("--password", "pw-for-test-1")
    statuses = set(Claim.objects.values_list("status", flat=True))
    assert statuses == set(Claim.Status.values)
    in_review = Claim.objects.get(status=Claim.Status.IN_REVIEW)
    assert in_review.assignee.username == "editor"
    assert Verdict.objects.get(claim__status=Claim.Status.VERDICT_DRAFTED).is_published is False


def test_at_least_two_verdicts_are_published_with_evidence():
    demo("--password", "pw-for-test-1")
    published = Verdict.objects.published()
    assert published.count() >= 2
    for verdict in published:
        assert verdict.claim.status == Claim.Status.PUBLISHED
        assert verdict.claim.evidence.count() >= 2
        assert verdict.author is not None and verdict.explanation


def test_the_injured_count_contradiction_stays_open():
    demo("--password", "pw-for-test-1")
    injured = Contradiction.objects.open().filter(
        claim_a__text__icontains="more than 1", claim_b__text__icontains="more than 1"
    )
    assert injured.filter(claim_a__text__icontains="injured").exists()


def test_it_does_not_undo_an_editors_work():
    demo("--password", "pw-for-test-1")
    claim = Claim.objects.get(status=Claim.Status.IN_REVIEW)
    claim.dismiss()
    demo()
    claim.refresh_from_db()
    assert claim.status == Claim.Status.DISMISSED
    assert not Claim.objects.filter(status=Claim.Status.IN_REVIEW).exists()


def test_password_option_sets_the_password():
    output = demo("--password", "correct-horse-7")
    for name in ["admin", "editor", "editor2"]:
        assert User.objects.get(username=name).check_password("correct-horse-7")
    assert "admin / correct-horse-7" in output
    assert "http://127.0.0.1:8000/" in output


def test_password_option_resets_existing_users():
    demo("--password", "correct-horse-7")
    demo("--password", "battery-staple-8")
    assert User.objects.get(username="editor").check_password("battery-staple-8")


def test_password_comes_from_the_environment(monkeypatch):
    monkeypatch.setenv("DEMO_PASSWORD", "from-the-env-9")
    demo()
    assert User.objects.get(username="admin").check_password("from-the-env-9")


def test_without_a_password_one_is_generated_and_printed():
    output = demo()
    line = next(line for line in output.splitlines() if "admin / " in line)
    password = line.split("admin / ")[1].split()[0]
    assert len(password) >= 12
    assert User.objects.get(username="editor").check_password(password)


def test_existing_users_keep_their_password_on_a_rerun():
    demo("--password", "correct-horse-7")
    output = demo()
    assert User.objects.get(username="admin").check_password("correct-horse-7")
    assert "keep their passwords" in output


def test_it_refuses_with_debug_off(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="--force"):
        demo("--password", "correct-horse-7")
    assert not User.objects.filter(username="admin").exists()
    assert not Source.objects.exists()


def test_force_runs_it_with_debug_off(settings):
    settings.DEBUG = False
    demo("--password", "correct-horse-7", "--force")
    assert Verdict.objects.published().count() >= 2


def test_the_summary_is_in_words_and_links_to_the_configured_site(settings):
    settings.SITE_URL = "http://127.0.0.1:18801"
    output = demo("--password", "correct-horse-7")
    assert "articles from" in output and "claims the analysis found" in output
    assert "moved" in output and "along the review workflow" in output
    assert "http://127.0.0.1:18801/accounts/login/" in output
    assert "http://127.0.0.1:18801/desk/" in output
    assert "8000" not in output


def test_the_unrest_is_one_reviewed_public_event_with_each_bodys_figures(client):
    from claims.events.models import Event

    demo("--password", "pw-for-test-1")
    event = Event.objects.get(slug="kazakhstan-unrest-january-2022")
    assert event.is_reviewed and event.aliases.count() >= 1
    assert Event.objects.filter(kind="unrest").count() == 1
    page = client.get(event.get_absolute_url()).content.decode()
    for origin in ("Ministry of Internal Affairs", "Prosecutor General", "Ministry of Health"):
        assert origin in page
    for measure in ("killed", "injured", "detained"):
        assert f'data-testid="event-measure-{measure}"' in page
    assert "Retracted by its source" in page
