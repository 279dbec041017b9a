"""Text from a bank made safe for a terminal: the one place that decides what may reach it.

A bank is written by others. A control character in it can move the cursor,
hide text (``ESC[8m``), set a window title or write the clipboard (OSC 52); a
bidirectional override or a zero-width character makes what is shown differ
from what is there. Every such character is shown as a visible escape
(``\\x1b``, ``\\u202e``) instead, so what a learner reads is what the file holds.
Newline and tab are kept. Rich markup is not this module's concern: the
terminal layer prints bank text as plain ``Text``, never as markup.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Unicode's control (Cc, but newline and tab), format (Cf: bidirectional
# controls, zero-width characters, invisible operators), surrogate (Cs: bytes
# that were not text) and line/paragraph separator (Zl, Zp) characters, as of
# Unicode 15. One compiled class keeps the common case (nothing to escape) to
# a single scan in C.
_UNSAFE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\xad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2"
    "\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u206f\ud800-\udfff\ufeff"
    "\ufff9-\ufffb\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3"
    "\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f]"
)
_BIDI = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
MAX_QUOTED = 60
"""Characters of a value quoted in a message: enough to recognise it, never a whole file."""


@dataclass(frozen=True)
class UnsafeCharacter:
    """One character that must not reach a terminal, where it sits and what it is."""

    index: int
    character: str

    @property
    def escape(self) -> str:
        return _escape(self.character)

    @property
    def kind(self) -> str:
        if self.character in _BIDI:
            return "a bidirectional-text control"
        if ord(self.character) < 0x20 or 0x7F <= ord(self.character) <= 0x9F:
            return "a terminal control character"
        return "an invisible character"

    def describe(self) -> str:
        """``U+001B, a terminal control character (shown as \\x1b)``."""
        return f"U+{ord(self.character):04X}, {self.kind} (shown as {self.escape})"


def printable(text: str) -> str:
    """``text`` with every character that could act on a terminal shown as an escape."""
    if is_clean(text):
        return text
    return _UNSAFE.sub(lambda match: _escape(match.group()), text)


def unsafe_characters(text: str) -> list[UnsafeCharacter]:
    """Each character :func:`printable` would escape, in order (for ``validate``)."""
    return [UnsafeCharacter(match.start(), match.group()) for match in _UNSAFE.finditer(text)]


def is_clean(text: str) -> bool:
    """Whether nothing in ``text`` needs escaping, at a fraction of a scan's cost.

    ``str.isprintable`` is False for every character escaped here (and for some
    harmless ones, such as a no-break space), so a True from it settles the
    common case; newline and tab are the only unprintable characters kept.
    """
    return (
        text.isprintable()
        or text.replace("\n", " ").replace("\t", " ").isprintable()
        or _UNSAFE.search(text) is None
    )


def quoted(value: object) -> str:
    """``repr(value)`` shortened to :data:`MAX_QUOTED` characters, for messages about it."""
    return shortened(repr(value), MAX_QUOTED)


def shortened(text: str, limit: int) -> str:
    """``text`` cut to ``limit`` characters (the last one an ellipsis) if it is longer."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _escape(character: str) -> str:
    code = ord(character)
    if code < 0x100:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"
