"""`manage.py analyze`: JSON and text output, folders, stdin and bad input (no database needed)."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command

ROOT = Path(__file__).resolve().parents[2]
ARTICLES = Path(__file__).parents[1] / "analysis" / "articles"
ARTICLE = (
    "---\ntitle: Bridge collapse\npublisher: Test Post\n"
    "published: 2024-03-05T08:00:00+00:00\nurl: null\n---\n"
    "Bridge collapse in Orvik kills 7\n\n"
    "Seven people were killed and 30 injured when a bridge collapsed in Orvik on Monday, police said.\n"
)


def run(*args, stdin=None):
    return subprocess.run(
        [sys.executable, "manage.py", "analyze", *args],
        cwd=ROOT,
        input=stdin,
        capture_output=True,
        timeout=120,
    )


@pytest.fixture
def article(tmp_path):
    path = tmp_path / "orvik.md"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def test_json_output_has_the_contract_shape(article, capsys):
    call_command("analyze", str(article), "--format", "json")
    output = json.loads(capsys.readouterr().out)
    assert set(output) == {"articles", "claims", "figures", "contradictions", "notes"}
    assert output["notes"] == []  # nothing was left out of a short article
    (record,) = output["articles"]
    assert record["id"] == "a1" and record["publisher"] == "Test Post"
    assert record["published"] == "2024-03-05T08:00:00+00:00"
    claim = output["claims"][0]
    assert {"id", "article", "text", "start", "end", "speaker", "speaker_role", "via", "checkworthy"} <= set(
        claim
    )
    figure = output["figures"][0]
    expected_keys = {"id", "claim", "text", "start", "end", "measure", "subject", "qualifier", "value", "low"}
    assert expected_keys | {"high", "when", "where"} <= set(figure)
    killed = [f for f in output["figures"] if f["measure"] == "killed"]
    assert {f["value"] for f in killed} == {7}
    assert {f["when"] for f in killed} == {"2024-03-04"}


def test_text_output_is_a_human_summary(article, capsys):
    call_command("analyze", str(article))
    out = capsys.readouterr().out
    assert "Test Post" in out and "killed" in out and "contradiction" in out


def test_a_folder_is_read_sorted_and_not_recursively(tmp_path, capsys):
    (tmp_path / "b.md").write_text("Nine people died in the flood.\n", encoding="utf-8")
    (tmp_path / "a.txt").write_text("Four people were injured.\n", encoding="utf-8")
    (tmp_path / "skip.json").write_text("{}", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "c.md").write_text("Two died.\n", encoding="utf-8")
    call_command("analyze", str(tmp_path), "--format", "json")
    paths = [Path(a["path"]).name for a in json.loads(capsys.readouterr().out)["articles"]]
    assert paths == ["a.txt", "b.md"]


def test_our_article_folder_is_analysed_together():
    result = run(str(ARTICLES), "--format", "json")
    assert result.returncode == 0, result.stderr
    expected = [path for path in ARTICLES.iterdir() if path.suffix in (".md", ".html")]
    assert len(json.loads(result.stdout)["articles"]) == len(expected)


def test_stdin_is_read_with_a_dash():
    result = run("-", "--format", "json", stdin=ARTICLE.encode("utf-8"))
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["articles"][0]["path"] == "<stdin>"


@pytest.mark.parametrize(
    "name, content, reason",
    [
        ("binary.md", b"\x00\x01\x02binary", "binary"),
        ("empty.md", b"", "empty"),
        ("blank.md", b"---\ntitle: x\n---\n   \n", "empty"),
        ("latin.md", bytes(range(128, 256)) * 4, "UTF-8"),
        ("broken.md", b"---\ntitle: ok\nnot a key value line\n---\nBody.\n", "line 3"),
        ("big.md", b"word " * 400, "too large"),
        ("deep.html", b"<i>" * 280 + b"Seven died.", "nested too deeply"),
        ("script.md", b"---\nurl: javascript:alert(1)\n---\nBody.\n", "only http:// and https://"),
    ],
)
def test_bad_input_exits_2_with_one_line_naming_the_file(tmp_path, name, content, reason):
    path = tmp_path / name
    path.write_bytes(content)
    result = run(str(path), "--format", "json", "--max-bytes", "1000")
    assert result.returncode == 2
    assert result.stdout == b""
    error = result.stderr.decode().strip()
    assert len(error.splitlines()) == 1
    assert name in error and reason in error


def test_a_utf16_article_with_a_byte_order_mark_is_analysed(tmp_path, capsys):
    path = tmp_path / "orvik.md"
    path.write_bytes(ARTICLE.encode("utf-16"))
    call_command("analyze", str(path), "--format", "json")
    output = json.loads(capsys.readouterr().out)
    assert output["articles"][0]["title"] == "Bridge collapse"
    assert any(figure["value"] == 7 for figure in output["figures"])


def test_a_missing_file_exits_2(tmp_path):
    result = run(str(tmp_path / "nope.md"))
    assert result.returncode == 2 and result.stdout == b""
    assert "nope.md" in result.stderr.decode()


def test_one_bad_file_in_a_batch_prints_nothing_on_stdout(tmp_path, article):
    bad = tmp_path / "bad.md"
    bad.write_bytes(b"\x00")
    result = run(str(article), str(bad), "--format", "json")
    assert result.returncode == 2 and result.stdout == b""


def test_start_up_leaves_the_api_stack_unloaded():
    """`manage.py analyze` starts in a fraction of a second: django.setup() must not import ninja (and
    pydantic with it); the URLconf does, when a request first needs the API."""
    script = (
        "import os, sys, django; os.environ['DJANGO_SETTINGS_MODULE'] = 'factcheck.settings'; django.setup(); "
        "print(sorted({'ninja', 'pydantic'} & set(sys.modules)))"
    )
    loaded = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert loaded.stdout.strip() == "[]", loaded.stderr


def test_analyze_runs_before_django_starts(tmp_path):
    """`manage.py analyze` needs no settings at all: it runs the engine before Django's start-up."""
    article = tmp_path / "a.md"
    article.write_text("At least 12 people were killed in the blast.\n", encoding="utf-8")
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "no.such.settings"}
    run = subprocess.run(
        [sys.executable, "manage.py", "analyze", str(article), "--format", "json"],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=60,
    )
    assert run.returncode == 0, run.stderr
    assert [figure["value"] for figure in json.loads(run.stdout)["figures"]] == [12]
