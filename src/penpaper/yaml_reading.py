"""Reading bank files: one YAML document, with the line of every field for messages.

PyYAML is imported on first use: a bank served from :mod:`penpaper.bank_cache`
never needs it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from penpaper.schema import FieldPath, format_field

if TYPE_CHECKING:
    import yaml


class YamlReadError(ValueError):
    """A file that is not one well-formed YAML document; ``line`` is 1-based where known."""

    def __init__(self, message: str, line: int | None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line


def read_yaml(text: str) -> tuple[object, dict[FieldPath, int]]:
    """Parse one YAML document; return its data and the 1-based line of each field.

    A key given twice in one mapping is an error (PyYAML would silently keep the last).
    """
    import yaml

    # libyaml's parser is several times faster; fall back only where it is missing.
    loader_class: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    loader = loader_class(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None, {}
        lines: dict[FieldPath, int] = {}
        _index_lines(node, (), lines)
        return loader.construct_document(node), lines
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        reason = getattr(error, "problem", None) or str(error)
        if "mapping values are not allowed" in reason:
            reason += " (a ': ' inside unquoted text? quote it or use a '|' block)"
        raise YamlReadError(f"not valid YAML: {reason}", mark.line + 1 if mark else None) from None
    finally:
        loader.dispose()


def _index_lines(node: yaml.Node, path: FieldPath, lines: dict[FieldPath, int]) -> None:
    # Kinds are told by class name, so this hot recursion needs no PyYAML import.
    lines[path] = node.start_mark.line + 1
    kind = type(node).__name__
    if kind == "MappingNode":
        seen: set[object] = set()
        for key_node, value_node in node.value:
            key = key_node.value
            if key in seen:
                raise YamlReadError(
                    f"key '{format_field((*path, key))}' appears twice",
                    key_node.start_mark.line + 1,
                )
            seen.add(key)
            _index_lines(value_node, (*path, key), lines)
            lines[(*path, key)] = key_node.start_mark.line + 1
    elif kind == "SequenceNode":
        for index, item in enumerate(node.value, start=1):
            _index_lines(item, (*path, index), lines)
