"""Bank files are read by penpaper's own walk over libyaml's tree (it records lines and
refuses what PyYAML would accept silently); the values, lists and mappings it builds are
those PyYAML builds, with the same types."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from penpaper.bank.loading import bundled_bank_path
from penpaper.bank.yaml_reading import read_yaml

SCALARS = """\
plain: text, with punctuation - and a dash
quoted: "12"
single: 'yes'
tagged: !!str 12
number: 12
real: 1.5e+3
boolean: yes
nothing: ~
empty:
block: |
  two
  lines
folded: >
  one
  line
list: [a, "b", 3, null, !!str true]
nested: {key: [1, {deeper: "x"}]}
unicode: "naïve → ∇f(x)"
"""


def test_tricky_scalars_read_as_pyyaml_reads_them() -> None:
    assert repr(read_yaml(SCALARS)[0]) == repr(yaml.safe_load(SCALARS))  # 1 is not True


@pytest.mark.parametrize(
    "path",
    sorted(bundled_bank_path().rglob("*.yaml")),
    ids=lambda path: f"{path.parent.name}/{path.stem}",
)
def test_every_bundled_file_reads_as_pyyaml_reads_it(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert repr(read_yaml(text)[0]) == repr(yaml.safe_load(text))
