"""`penpaper config`: settings are listed, changed, validated, and used by the queues."""

from __future__ import annotations

from helpers import run_cli

NOW = "2026-03-02T10:00:00+00:00"


def test_settings_are_listed_with_what_they_do() -> None:
    result = run_cli("config")
    assert result.exit_code == 0
    assert "new_per_day" in result.stdout and "10" in result.stdout
    assert "desired_retention" in result.stdout


def test_a_setting_is_changed_and_kept() -> None:
    assert run_cli("config", "new_per_day", "1").stdout.strip() == "new_per_day = 1"
    assert run_cli("config", "new_per_day").stdout.strip() == "new_per_day = 1"
    assert run_cli("config", "fuzzing", "off").stdout.strip() == "fuzzing = False"


def test_bad_values_are_refused_and_nothing_changes() -> None:
    refused = run_cli("config", "desired_retention", "2")
    assert refused.exit_code == 1
    assert "between 0.7 and 0.99" in refused.stderr
    assert "is not a whole number" in run_cli("config", "new_per_day", "five").stderr
    assert "is not yes or no" in run_cli("config", "fuzzing", "maybe").stderr
    unknown = run_cli("config", "colour", "red")
    assert unknown.exit_code == 2
    assert "Unknown setting 'colour'" in unknown.stderr
    assert run_cli("config", "desired_retention").stdout.strip() == "desired_retention = 0.9"


def test_the_daily_limit_for_new_exercises_is_respected() -> None:
    run_cli("config", "new_per_day", "1")
    first = run_cli("drill", "calculus", input="2 x exp(x^2)\n", now=NOW)
    assert "Exercise 1 of 1" in first.stdout
    second = run_cli("drill", "calculus", now=NOW)
    assert "reached today's limit of 1 new exercise" in second.stdout
