"""Everything that draws with rich: exercises, listings, the drill loop, summaries, stats.

The core packages hand over plain dataclasses; the modules here lay them out
(``*_view``) or run the interactive loop (``drill``). ``wording`` keeps the
small phrases every screen shares.
"""
