"""Reading bank files: one YAML document, with the line of every field for messages.

PyYAML is imported on first use: a bank served from :mod:`penpaper.bank.cache`
never needs it.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from penpaper.bank.files import BankTree, Unusable
from penpaper.bank.schema import SourceLines, format_field
from penpaper.bank.symbols import FieldPath

if TYPE_CHECKING:
    import yaml


class YamlReadError(ValueError):
    """A file that is not one well-formed YAML document; ``line`` is 1-based where known."""

    def __init__(self, message: str, line: int | None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line


MAX_NODES = 50_000
"""More nodes than any exercise needs: a guard against alias bombs ("billion laughs")."""

_SCALAR_TAGS = frozenset(
    f"tag:yaml.org,2002:{name}" for name in ("str", "int", "float", "bool", "null")
)
_STR_TAG = "tag:yaml.org,2002:str"
_MERGE_TAG = "tag:yaml.org,2002:merge"


def read_yaml(text: str) -> tuple[object, SourceLines]:
    """Parse one YAML document; return its data and where each field sits.

    libyaml parses; the Python objects are then built here in the same walk that
    records lines, which is about twice as fast as PyYAML's generic constructor
    and lets us refuse what a bank file never needs: a key given twice (PyYAML
    would silently keep the last), recursive aliases, alias bombs, and values
    that cannot be converted (``2001-13-45``, ``!!int abc``).
    """
    import yaml

    # libyaml's parser is several times faster; fall back only where it is missing.
    loader_class: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    loader = loader_class(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None, SourceLines()
        builder = _Builder(loader)
        return builder.build(node, ()), SourceLines(builder.lines, builder.blocks)
    except yaml.reader.ReaderError as error:
        # A character YAML refuses (a raw ESC, say); ``position`` counts bytes or
        # characters depending on the parser, so find the line by the character.
        character = chr(error.character) if isinstance(error.character, int) else error.character
        line = text.count("\n", 0, max(text.find(character), 0)) + 1
        raise YamlReadError(
            f"not valid YAML: character U+{ord(character):04X} is not allowed in a YAML file",
            line,
        ) from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        reason = getattr(error, "problem", None) or str(error)
        if "mapping values are not allowed" in reason:
            reason += " (a ': ' inside unquoted text? quote it or use a '|' block)"
        raise YamlReadError(f"not valid YAML: {reason}", mark.line + 1 if mark else None) from None
    finally:
        loader.dispose()


def field_lines(path: Path) -> dict[str, int]:
    """The line of each field of a bank file, by name (``parts[1].answer.expect``).

    A loaded exercise keeps no lines, so a problem found later (``validate``
    judging its keys) is located by reading the file again; nothing if it
    cannot be read now.
    """
    try:
        tree = BankTree(path.parent.parent)
        _, lines = read_yaml(tree.read(tree.entry(path)).data.decode("utf-8"))
    except (Unusable, UnicodeDecodeError, YamlReadError):
        return {}
    return {format_field(field): line for field, line in lines.fields.items()}


class _Builder:
    """Python values from a composed YAML tree, with the line of every field."""

    def __init__(self, loader: yaml.SafeLoader) -> None:
        self.loader = loader
        self.lines: dict[FieldPath, int] = {}
        self.blocks: dict[FieldPath, int] = {}
        self.nodes = 0
        self.open: set[int] = set()  # nodes being built: an alias back to one is a cycle

    def build(self, node: yaml.Node, path: FieldPath) -> object:
        line = node.start_mark.line + 1
        self.lines[path] = line
        self.nodes += 1
        if self.nodes > MAX_NODES:
            raise YamlReadError(f"the document is too large (over {MAX_NODES} values)", line)
        # Kinds are told by class name, so this hot recursion needs no PyYAML import.
        kind = type(node).__name__
        if kind == "ScalarNode":
            if getattr(node, "style", None) == "|":  # its text starts on the next line
                self.blocks[path] = line + 1
            return self.scalar(node)
        if id(node) in self.open:
            raise YamlReadError("an alias refers to the value that contains it", line)
        self.open.add(id(node))
        try:
            if kind == "SequenceNode":
                return [self.build(item, (*path, i)) for i, item in enumerate(node.value, 1)]
            return self.mapping(node, path)
        finally:
            self.open.discard(id(node))

    def scalar(self, node: yaml.Node) -> object:
        if node.tag == _STR_TAG:  # most values: PyYAML's constructor returns the text as is
            return node.value
        try:
            if node.tag not in _SCALAR_TAGS:  # dates, binary: PyYAML's own safe constructors
                return self.loader.construct_object(node, deep=True)
            return self.loader.yaml_constructors[node.tag](self.loader, node)
        # How PyYAML's constructors fail on a value their tag cannot hold: a month 13
        # (ValueError), !!bool abc (KeyError), !!timestamp abc (AttributeError), …
        except (ValueError, KeyError, TypeError, AttributeError, ArithmeticError):
            tag = node.tag.rpartition(":")[2]
            raise YamlReadError(
                f"a value cannot be read as {tag} (quote it if it is text)",
                node.start_mark.line + 1,
            ) from None

    def mapping(self, node: yaml.Node, path: FieldPath) -> dict[object, object]:
        result: dict[object, object] = {}
        for key_node, value_node in node.value:
            line = key_node.start_mark.line + 1
            if key_node.tag == _MERGE_TAG:
                raise YamlReadError("merge keys (<<) are not supported in bank files", line)
            if type(key_node).__name__ != "ScalarNode":
                raise YamlReadError("a key must be a plain value, not a list or mapping", line)
            key = self.scalar(key_node)
            field = (*path, str(key))
            if key in result:
                raise YamlReadError(f"key '{format_field(field)}' appears twice", line)
            result[key] = self.build(value_node, field)
            self.lines[field] = line
        return result
