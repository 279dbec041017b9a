"""penpaper: pen-and-paper exercises for the maths behind machine learning, in the terminal."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from penpaper.version import __version__

if TYPE_CHECKING:
    from penpaper.checking import Verdict, check_answer

__all__ = ["Verdict", "__version__", "check_answer"]


def __getattr__(name: str) -> Any:
    # The checker pulls in sympy (about a second to import); the read-only
    # commands must not pay for it, so it is imported on first use only.
    if name in ("check_answer", "Verdict"):
        from penpaper import checking

        return getattr(checking, name)
    raise AttributeError(f"module 'penpaper' has no attribute {name!r}")
