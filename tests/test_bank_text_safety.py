"""Bank text reaches the terminal as plain, visible text in every command, and validate
names each character that would not, with its file and line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from helpers import run_cli
from hostile_bank import MARKUP, assert_nothing_forbidden, write_hostile_bank
from penpaper.sanitising import printable, unsafe_characters

NOW = "2026-03-02T10:00:00+00:00"
EXERCISE = "tricks/escapes"


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    return write_hostile_bank(tmp_path / "hostile", tmp_path / "canary")


def test_show_prints_escapes_visibly_and_markup_literally(hostile: Path) -> None:
    result = run_cli("show", EXERCISE, bank=hostile)
    assert result.exit_code == 0, result.output
    assert r"\x1b]0;pwned\x07" in result.stdout
    assert r"hides \u202edetacilpmoc" in result.stdout
    assert r"zero-width\u200bspace" in result.stdout
    assert "[/] [link=https://evil.example]click[/link]" in result.stdout


def test_topics_prints_markup_in_a_title_as_written(hostile: Path) -> None:
    result = run_cli("topics", bank=hostile)
    assert result.exit_code == 0, result.output
    assert "[/]" in result.stdout and "[link=https://evil.example]" in result.stdout


def test_hints_feedback_and_solutions_are_escaped(hostile: Path) -> None:
    assert r"Count \x9b31m" in run_cli("hint", EXERCISE, "--part", "1", bank=hostile).stdout
    assert MARKUP in run_cli("hint", EXERCISE, "--part", "1", bank=hostile).stdout
    wrong = run_cli("check", EXERCISE, "--part", "1", "3", bank=hostile, now=NOW)
    assert wrong.exit_code == 1
    assert r"Off by one \x1b]52;c;cm0gLXJmIH4vLnNzaA==\x07" in wrong.stdout
    solution = run_cli("solution", EXERCISE, "--part", "1", bank=hostile, now=NOW)
    assert r"Two.\x0d\x1b[2K" in solution.stdout


def test_a_drill_shows_everything_escaped(hostile: Path) -> None:
    result = run_cli("drill", "tricks", input="3\n\na\n", bank=hostile, now=NOW)
    assert result.exit_code == 0, result.output
    assert_nothing_forbidden(result.stdout, result.stderr)
    assert r"Off by one \x1b]52;c;" in result.stdout
    assert r"It is a \x1b]52;c;" in result.stdout
    assert r"yes \u202e" in result.stdout


def test_list_json_carries_the_escaped_text(hostile: Path) -> None:
    [entry] = json.loads(run_cli("list", "tricks", "--json", bank=hostile).stdout)
    assert entry["title"].startswith(r"Escapes \x1b]0;pwned\x07 in the title")
    assert entry["tags"] == [r"tag\x1b[8m"]


def test_validate_reports_each_character_with_file_and_line(hostile: Path) -> None:
    result = run_cli("validate", "--no-keys", bank=hostile)
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    title = [line for line in lines if "escapes.yaml:1: tricks/escapes title:" in line]
    assert [line.split("contains ")[1] for line in title] == [
        r"U+001B, a terminal control character (shown as \x1b)",
        r"U+0007, a terminal control character (shown as \x07)",
    ]
    # A literal block's characters are placed on their own line of the file.
    for expected in (
        "escapes.yaml:6: tricks/escapes statement: contains U+202E, a bidirectional",
        "escapes.yaml:7: tricks/escapes statement: contains U+200B, an invisible",
        "escapes.yaml:16: tricks/escapes parts[1].hints[1]: contains U+009B",
        "topic.yaml:2: description: contains U+0007",
    ):
        assert any(expected in line for line in lines), expected
    assert sum("contains U+" in line for line in lines) == sum(
        len(unsafe_characters(text)) for text in _texts_of_the_bank()
    )


def _texts_of_the_bank() -> list[str]:
    """Every text value of the hostile bank, as YAML reads it."""
    import yaml

    from hostile_bank import ESCAPES_EXERCISE, TOPIC_FILE

    def texts(value: object) -> list[str]:
        if isinstance(value, str):
            return [value]
        if isinstance(value, dict):
            return [text for item in value.values() for text in texts(item)]
        if isinstance(value, list):
            return [text for item in value for text in texts(item)]
        return []

    return texts(yaml.safe_load(ESCAPES_EXERCISE)) + texts(yaml.safe_load(TOPIC_FILE))


def test_a_raw_control_character_in_a_file_is_placed_on_its_line(tmp_path: Path) -> None:
    topic = tmp_path / "raw"
    topic.mkdir()
    (topic / "bell.yaml").write_text("title: fine\nstatement: ring \x07 ring\n", encoding="utf-8")
    result = run_cli("validate", "--no-keys", str(topic / "bell.yaml"), bank=None)
    assert result.exit_code == 1
    assert "bell.yaml:2: raw/bell: not valid YAML: character U+0007 is not allowed" in result.stdout
    assert_nothing_forbidden(result.stdout, result.stderr)


def test_a_file_name_with_escapes_is_reported_escaped(tmp_path: Path) -> None:
    topic = tmp_path / "names"
    topic.mkdir()
    (topic / f"x{chr(27)}]0;t{chr(7)}.yaml").write_text("title: x\n", encoding="utf-8")
    result = run_cli("list", bank=tmp_path)
    assert result.exit_code == 0
    assert r"x\x1b]0;t\x07.yaml" in result.stderr
    assert_nothing_forbidden(result.stdout, result.stderr)


def test_a_long_value_is_never_quoted_in_full(tmp_path: Path) -> None:
    topic = tmp_path / "long"
    topic.mkdir()
    (topic / "long.yaml").write_text("- " + "secret " * 1000 + "\n", encoding="utf-8")
    (topic / "scalar.yaml").write_text("difficulty: " + "x" * 500 + "\n", encoding="utf-8")
    (topic / "tag.yaml").write_text("title: !<" + "secret" * 500 + "> x\n", encoding="utf-8")
    result = run_cli("validate", "--no-keys", str(topic), bank=None)
    assert result.exit_code == 1
    assert all(len(line) < 400 for line in result.stdout.splitlines()), result.stdout
    assert "tag.yaml:1: long/tag: not valid YAML: could not determine" in result.stdout


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("plain maths: x² − 1, ∇f, σ(x)\n\tindented", "plain maths: x² − 1, ∇f, σ(x)\n\tindented"),
        ("\x1b[8mhidden", r"\x1b[8mhidden"),
        ("a\u202eb\u2066c", r"a\u202eb\u2066c"),
        ("zero\u200bwidth\ufeff", r"zero\u200bwidth\ufeff"),
        ("c1 \x9b and del \x7f", r"c1 \x9b and del \x7f"),
        ("cr\rlf", r"cr\x0dlf"),
        ("tag \U000e0041", r"tag \U000e0041"),
        ("surrogate \udcff", r"surrogate \udcff"),
    ],
)
def test_printable_escapes_only_what_acts_on_a_terminal(text: str, shown: str) -> None:
    assert printable(text) == shown
    assert printable(shown) == shown  # escaping twice changes nothing
