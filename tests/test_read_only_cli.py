"""`penpaper topics`, `list`, `show`, `--version` and unknown names, on the fixture bank."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from rich.cells import cell_len

from helpers import FIXTURE_BANK, run_cli
from penpaper import __version__
from penpaper.bank.loading import bundled_bank_path


def test_version() -> None:
    result = run_cli("--version")
    assert result.exit_code == 0
    assert result.stdout.strip() == f"penpaper {__version__}"


def test_topics_counts_exercises_and_difficulties_and_describes_each() -> None:
    result = run_cli("topics")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    # two exercises: one of difficulty 1 and one of difficulty 3
    assert lines[0] == "calculus  not started 0 % · 2 exercises · difficulty 1–5: 1 0 1 0 0"
    assert lines[1] == "  Calculus fixtures — A tiny topic for the test-suite."
    assert "graphs" in result.stdout


def test_list_filters_by_topic_difficulty_and_tag() -> None:
    everything = run_cli("list")
    assert everything.exit_code == 0
    for exercise_id in (
        "calculus/chain-rule",
        "calculus/quadratic-gradient",
        "graphs/pick-parents",
    ):
        assert exercise_id in everything.stdout
    only_graphs = run_cli("list", "graphs")
    assert "graphs/pick-parents" in only_graphs.stdout
    assert "calculus/" not in only_graphs.stdout
    hard = run_cli("list", "--difficulty", "3")
    assert "calculus/quadratic-gradient" in hard.stdout
    assert "chain-rule" not in hard.stdout
    tagged = run_cli("list", "--tag", "chain-rule")
    assert "calculus/chain-rule" in tagged.stdout
    assert "quadratic-gradient" not in tagged.stdout
    assert "2 parts: matrix-expression, derivation" in run_cli("list", "calculus").stdout


@pytest.mark.parametrize("columns", ["40", "60", "100"])
def test_list_keeps_whole_ids_and_wraps_titles_under_their_exercise(columns: str) -> None:
    result = run_cli("list", columns=columns)
    lines = result.stdout.splitlines()
    ids = [line.split()[0] for line in lines if not line.startswith(" ")]
    assert ids == ["calculus/chain-rule", "calculus/quadratic-gradient", "graphs/pick-parents"]
    assert all(line.startswith("    ") for line in lines if line.split()[0] not in ids)
    assert all(len(line) <= int(columns) and line == line.rstrip() for line in lines)
    title_lines = " ".join(line.strip() for line in lines[1:3] if "part" not in line)
    assert "Chain rule warm-up" in title_lines


@pytest.mark.parametrize("columns", ["40", "60"])
def test_list_of_the_bundled_bank_fits_narrow_terminals_and_never_cuts_an_id(
    columns: str,
) -> None:
    """Long ids, labs and fresh numbers: only an id wider than the terminal is left wider."""
    result = run_cli("list", bank=bundled_bank_path(), columns=columns)
    lines = result.stdout.splitlines()
    ids = {line.split()[0] for line in lines if not line.startswith(" ")}
    assert len(ids) == len(json.loads(run_cli("list", "--json", bank=bundled_bank_path()).stdout))
    assert all("/" in exercise_id for exercise_id in ids)
    too_wide = [line for line in lines if len(line) > int(columns)]
    assert all(line in ids for line in too_wide), too_wide[:3]
    assert "lab" in result.stdout and "fresh numbers" in result.stdout


def test_list_puts_a_lab_mark_on_its_own_line_when_a_wide_title_leaves_no_room(
    tmp_path: Path,
) -> None:
    """Seventeen characters two columns wide: room for " · lab" by count, not on screen."""
    bank = tmp_path / "bank"
    shutil.copytree(FIXTURE_BANK, bank)
    exercise = bank / "calculus" / "chain-rule.yaml"
    title = "链式法则" * 4 + "练"
    exercise.write_text(
        exercise.read_text(encoding="utf-8").replace("Chain rule warm-up", title, 1),
        encoding="utf-8",
    )
    result = run_cli("list", "calculus", bank=bank, columns="40")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert [line.strip() for line in lines[1:3]] == [title, "lab"]
    assert all(cell_len(line) <= 40 for line in lines)


def test_list_json_describes_parts_and_never_leaks_answers() -> None:
    result = run_cli("list", "--json")
    assert result.exit_code == 0
    listing = json.loads(result.stdout)
    by_id = {entry["id"]: entry for entry in listing}
    assert set(by_id) == {
        "calculus/chain-rule",
        "calculus/quadratic-gradient",
        "graphs/pick-parents",
    }
    gradient = by_id["calculus/quadratic-gradient"]
    assert gradient["topic"] == "calculus"
    assert gradient["difficulty"] == 3
    assert gradient["tags"] == ["gradient", "quadratic-form"]
    assert gradient["has_lab"] is False
    assert gradient["parts"] == [
        {
            "part": "a",
            "number": 1,
            "answer_type": "matrix-expression",
            "hints": 2,
            "has_solution": True,
        },
        {"part": "b", "number": 2, "answer_type": "derivation", "hints": 2, "has_solution": True},
    ]
    for secret in ("SECRET-SOLUTION", "(A + A^T) x", "2*x*exp(x^2)", "2 A x"):
        assert secret not in result.stdout


def test_show_renders_statement_questions_and_options_but_no_solution() -> None:
    result = run_cli("show", "graphs/pick-parents")
    assert result.exit_code == 0, result.output
    assert "Parents in a DAG" in result.stdout
    assert "In the DAG A → C ← B, C → D." in result.stdout
    assert "(a) Which option lists the parents of C?" in result.stdout
    assert "b) {A, B}" in result.stdout
    assert "(b) Is D a descendant of A?" in result.stdout
    assert "SECRET-SOLUTION" not in result.stdout


def test_show_lists_what_symbols_mean() -> None:
    result = run_cli("show", "calculus/quadratic-gradient")
    assert "A: n×n matrix" in result.stdout
    assert "x: n×1 column vector" in result.stdout
    assert "(A + A^T) x" not in result.stdout


def test_unknown_topic_suggests_close_matches_and_exits_2() -> None:
    result = run_cli("list", "calculas")
    assert result.exit_code == 2
    assert "Unknown topic 'calculas'. Did you mean: calculus?" in result.stderr
    assert "Traceback" not in result.output


def test_unknown_exercise_suggests_close_ids_and_exits_2() -> None:
    result = run_cli("show", "calculus/chain-rul")
    assert result.exit_code == 2
    assert "Did you mean: calculus/chain-rule?" in result.stderr


def test_broken_file_is_reported_once_and_the_rest_still_loads(tmp_path) -> None:
    topic = tmp_path / "algebra"
    topic.mkdir()
    (topic / "broken.yaml").write_text("title: [unclosed\n", encoding="utf-8")
    (topic / "fine.yaml").write_text(
        "title: Fine\ndifficulty: 1\nstatement: s\nparts:\n"
        "  - ask: q\n    answer: {type: number, expect: '2'}\n    solution: two\n",
        encoding="utf-8",
    )
    result = run_cli("list", "--json", bank=tmp_path)
    assert result.exit_code == 0
    assert [entry["id"] for entry in json.loads(result.stdout)] == ["algebra/fine"]
    assert result.stderr.count("broken.yaml") == 1


def test_an_unexpected_error_is_one_line_not_a_traceback(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import importlib

    from penpaper import cli

    # The package's ``app`` attribute is the typer app; the module holds CliContext.
    cli_app = importlib.import_module("penpaper.cli.app")

    def broken(self: object) -> None:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(cli_app.CliContext, "bank", broken)
    monkeypatch.setattr("sys.argv", ["penpaper", "topics"])
    with pytest.raises(SystemExit) as exit_info:
        cli.main()
    assert exit_info.value.code == 1
    error = capsys.readouterr().err
    assert "penpaper: unexpected error: RuntimeError: disk on fire" in error
    assert "Traceback" not in error


def test_a_bank_path_that_is_a_file_is_reported(tmp_path: Path) -> None:
    not_a_folder = tmp_path / "bank.txt"
    not_a_folder.write_text("", encoding="utf-8")
    result = run_cli("topics", bank=not_a_folder)
    assert result.exit_code == 0
    assert "bank folder is not a folder" in result.stderr
