"""`penpaper validate`: every kind of problem is reported with file, line, id and field."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import FIXTURE_BANK, run_cli
from penpaper.checking.limits import MAX_MISTAKES

GOOD_PART = """\
  - ask: How much is one plus one?
    answer:
      type: number
      expect: "2"
    hints: [Count., On your fingers.]
    solution: Two.
"""


def exercise_text(header: str = "", part: str = GOOD_PART) -> str:
    return f"title: Adding\ndifficulty: 1\nstatement: Add two numbers.\n{header}parts:\n{part}"


def write_exercise(root: Path, text: str, name: str = "adding.yaml", topic: str = "sums") -> Path:
    folder = root / topic
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def validate_one(tmp_path: Path, text: str, name: str = "adding.yaml") -> str:
    path = write_exercise(tmp_path, text, name)
    result = run_cli("validate", "--no-keys", str(path), bank=None)
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    return result.stdout


def test_fixture_bank_is_valid() -> None:
    result = run_cli("validate", "--no-keys", str(FIXTURE_BANK), bank=None)
    assert result.exit_code == 0, result.output
    assert "All 3 exercises are valid." in result.stdout


def test_default_is_every_configured_bank() -> None:
    result = run_cli("validate", "--no-keys")
    assert result.exit_code == 0
    assert "All 3 exercises are valid." in result.stdout


def test_wrong_answer_type_names_file_line_id_part_and_field(tmp_path: Path) -> None:
    part = GOOD_PART.replace("type: number", "type: matrx")
    output = validate_one(tmp_path, exercise_text(part=part))
    assert (
        "sums/adding.yaml:7: sums/adding parts[1].answer.type: 'matrx' is not one of "
        "expression, matrix-expression, matrix, vector, number" in output
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (exercise_text(header="hint: typo\n"), ":4: sums/adding hint: unknown key (allowed here:"),
        (
            exercise_text().replace("title: Adding\n", ""),
            "sums/adding: missing required key 'title'",
        ),
        (
            exercise_text().replace("difficulty: 1", "difficulty: 7"),
            ":2: sums/adding difficulty: must be a whole number from 1 to 5, got 7",
        ),
        (
            exercise_text().replace("difficulty: 1", "difficulty: easy"),
            "difficulty: must be a whole number from 1 to 5, got 'easy'",
        ),
        (exercise_text(part="  []\n"), "parts: must be a non-empty list of parts"),
        (
            exercise_text(part=GOOD_PART.replace("    solution: Two.\n", "")),
            ":5: sums/adding parts[1]: missing required key 'solution'",
        ),
        (
            exercise_text(part=GOOD_PART.replace('      expect: "2"\n', "")),
            "parts[1].answer: missing required key 'expect'",
        ),
        (
            exercise_text(
                part=GOOD_PART.replace("hints: [Count., On your fingers.]", "hints: [Count: twice]")
            ),
            "parts[1].hints[1]: must be non-empty text, got a mapping",
        ),
        (
            exercise_text(part=GOOD_PART.replace('expect: "2"', "expect: {B, C}")),
            "parts[1].answer.expect: must be non-empty text, got a mapping (YAML reads {a, b} as a "
            "mapping: quote it)",
        ),
        (
            exercise_text(part=GOOD_PART.replace('expect: "2"', 'expect: "2"\n      tolerance: 5')),
            "parts[1].answer.tolerance: must be a relative tolerance between 0 and 1, got 5",
        ),
        (
            exercise_text(
                part=GOOD_PART.replace("type: number", "type: expression").replace(
                    'expect: "2"', 'expect: "2"\n      tolerance: 0.1'
                )
            ),
            "parts[1].answer.tolerance: only a 'number' answer takes a tolerance",
        ),
        (
            exercise_text(part=GOOD_PART.replace("type: number", "type: choice")),
            "parts[1].answer.options: a choice needs options",
        ),
        (
            exercise_text(
                part=GOOD_PART.replace("type: number", "type: choice").replace(
                    'expect: "2"', "expect: c\n      options: {a: one, b: two}"
                )
            ),
            "parts[1].answer.expect: 'c' is not one of the options a, b",
        ),
        (
            exercise_text(part=GOOD_PART.replace("type: number", "type: derivation")),
            "parts[1].answer.expect: a derivation is self-graded and has no key",
        ),
        (
            exercise_text(
                part=GOOD_PART.replace('expect: "2"', 'expect: "2"\n      mistakes: [3]')
            ),
            "parts[1].answer.mistakes[1]: must be a mapping",
        ),
        (
            exercise_text(header="symbols:\n  x: {real: yes, colour: red}\n"),
            ":5: sums/adding symbols.x.colour: unknown key",
        ),
        (
            exercise_text(header="symbols:\n  p: {domain: '(1, 0)'}\n"),
            "symbols.p.domain: interval '(1, 0)' is empty",
        ),
        (
            exercise_text(header="symbols:\n  A: {matrix: [2, 3], symmetric: true}\n"),
            "symbols.A.matrix: symmetric needs a square shape",
        ),
        (
            exercise_text(header="symbols:\n  A: {matrix: [2], real: true}\n"),
            "symbols.A.matrix: must be [rows, cols]",
        ),
        (
            exercise_text(header="tags: [a]\ntags: [b]\n"),
            ":5: sums/adding: key 'tags' appears twice",
        ),
        ("title: [unclosed\n", "adding.yaml:2: sums/adding: not valid YAML"),
        ("- just\n- a list\n", "sums/adding.yaml:1: sums/adding: must be a mapping, got a list"),
    ],
)
def test_each_kind_of_problem_is_reported(tmp_path: Path, text: str, expected: str) -> None:
    assert expected in validate_one(tmp_path, text)


def test_badly_named_file_is_reported(tmp_path: Path) -> None:
    output = validate_one(tmp_path, exercise_text(), name="Adding Numbers.yaml")
    assert "file name 'Adding Numbers' must be lowercase words joined by hyphens" in output


def test_all_problems_of_a_folder_are_listed_and_good_files_count(tmp_path: Path) -> None:
    write_exercise(tmp_path, exercise_text(), "good.yaml")
    write_exercise(tmp_path, exercise_text().replace("difficulty: 1", "difficulty: 9"), "bad.yaml")
    write_exercise(tmp_path, "title: [", "worse.yaml")
    result = run_cli("validate", "--no-keys", str(tmp_path), bank=None)
    assert result.exit_code == 1
    assert "bad.yaml:2" in result.stdout
    assert "worse.yaml" in result.stdout
    assert "2 problems; 1 exercise OK." in result.stdout


def test_id_clash_across_banks_names_both_files(tmp_path: Path) -> None:
    first, second = tmp_path / "one", tmp_path / "two"
    write_exercise(first, exercise_text())
    write_exercise(second, exercise_text())
    result = run_cli(
        "--bank", str(first), "--bank", str(second), "validate", "--no-keys", bank=None
    )
    assert result.exit_code == 1
    clash = next(line for line in result.stdout.splitlines() if "already used" in line)
    assert str(Path("two") / "sums" / "adding.yaml") in clash
    assert str(Path("one") / "sums" / "adding.yaml") in clash


def test_environment_variable_adds_banks(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_exercise(tmp_path / "extra", exercise_text())
    monkeypatch.setenv("PENPAPER_BANK", str(tmp_path / "extra"))
    result = run_cli("list", "--json")
    assert '"sums/adding"' in result.stdout
    assert '"calculus/chain-rule"' in result.stdout


def test_missing_path_is_a_problem_not_a_crash(tmp_path: Path) -> None:
    result = run_cli("validate", "--no-keys", str(tmp_path / "nowhere"), bank=None)
    assert result.exit_code == 1
    assert "no such file or folder" in result.stdout


def test_unknown_prerequisite_in_topic_file(tmp_path: Path) -> None:
    write_exercise(tmp_path, exercise_text())
    (tmp_path / "sums" / "topic.yaml").write_text(
        "title: Sums\nprerequisites: [products]\n", encoding="utf-8"
    )
    result = run_cli("validate", "--no-keys", bank=tmp_path)
    assert result.exit_code == 1
    assert "topic.yaml: prerequisites: 'products' is not a topic of the bank" in result.stdout


def refused_keys(tmp_path: Path, part: str) -> str:
    """The output of validating, keys checked, one exercise with ``part``: it must fail."""
    write_exercise(tmp_path, exercise_text(part=part))
    result = run_cli("validate", str(tmp_path), bank=None)
    assert result.exit_code == 1
    return result.stdout


def test_answer_keys_are_judged_by_the_real_checker(tmp_path: Path) -> None:
    part = GOOD_PART.replace(
        'expect: "2"',
        'expect: "2"\n      accept: ["4/2", "3"]\n      mistakes: [{answer: "1 + 1", feedback: f}]',
    )
    output = refused_keys(tmp_path, part)
    lines = [line for line in output.splitlines() if "sums/adding parts[1]" in line]
    assert len(lines) == 2, output
    assert "answer.accept[2]" in lines[0] and "judged incorrect" in lines[0]
    assert "answer.mistakes[1].answer" in lines[1] and "judged correct" in lines[1]


def test_fixture_bank_keys_pass_the_checker() -> None:
    result = run_cli("validate", str(FIXTURE_BANK), bank=None)
    assert result.exit_code == 0, result.output
    assert "All 3 exercises are valid (answer keys checked)." in result.stdout


def test_validate_works_from_inside_a_topic_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_exercise(tmp_path, exercise_text())
    monkeypatch.chdir(tmp_path / "sums")
    result = run_cli("validate", "--no-keys", ".", bank=None)
    assert result.exit_code == 0, result.output
    assert "The exercise is valid." in result.stdout


BOMB = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{name}: &{name} [{', '.join([f'*{previous}'] * 9)}]\n"
    for previous, name in zip("abcdef", "bcdefg", strict=True)
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("title: &t [1, *t]\n", "an alias refers to the value that contains it"),
        (BOMB, "the document is too large"),
        ("base: &b {title: x}\nother:\n  <<: *b\n", "merge keys (<<) are not supported"),
        ("? [1, 2]\n: v\n", "a key must be a plain value"),
        (
            "title: !!python/object:os.system x\n",
            "not valid YAML: could not determine a constructor",
        ),
    ],
)
def test_hostile_yaml_is_refused_quickly_with_a_reason(
    tmp_path: Path, text: str, expected: str
) -> None:
    assert expected in validate_one(tmp_path, text)


def test_a_part_with_too_many_mistakes_is_refused(tmp_path: Path) -> None:
    mistakes = ", ".join(f'{{answer: "{n}", feedback: f}}' for n in range(3, 3 + MAX_MISTAKES + 1))
    part = GOOD_PART.replace('expect: "2"', f'expect: "2"\n      mistakes: [{mistakes}]')
    assert (
        f"sums/adding parts[1].answer.mistakes: {MAX_MISTAKES + 1} listed mistakes; "
        f"at most {MAX_MISTAKES}" in refused_keys(tmp_path, part)
    )


def test_an_accepted_form_too_expensive_to_judge_is_refused(tmp_path: Path) -> None:
    part = GOOD_PART.replace(
        'type: number\n      expect: "2"',
        'type: equation\n      expect: "x = 1"\n      accept: ["(x+1)^200 = (x+2)^199"]',
    )
    output = refused_keys(tmp_path, part)
    assert "parts[1].answer.accept[1]: '(x+1)^200 = (x+2)^199' is judged undecided" in output
    assert "too long to check" in output


def test_keys_judged_in_parallel_are_reported_in_file_order(tmp_path: Path) -> None:
    names = [f"adding-{n}.yaml" for n in range(6)]
    for n, name in enumerate(names):
        part = GOOD_PART.replace('expect: "2"', f'expect: "2"\n      accept: ["{n + 3}"]')
        write_exercise(tmp_path, exercise_text(part=part), name=name)
    result = run_cli("validate", str(tmp_path), bank=None)
    assert result.exit_code == 1
    reported = [line.split()[1] for line in result.stdout.splitlines() if "judged" in line]
    assert reported == [f"sums/adding-{n}" for n in range(6)]
