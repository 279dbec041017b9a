"""Where the learner's data lives: the one place the data directory is resolved.

Order of precedence: the CLI's global ``--data-dir``, then ``PENPAPER_HOME``,
then the platform's user data folder (``~/.local/share/penpaper`` on Linux).
Nothing here creates folders; the store does that when it first writes.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

HOME_ENVIRONMENT_VARIABLE = "PENPAPER_HOME"
DATABASE_NAME = "progress.sqlite3"


def data_dir(override: Path | None = None) -> Path:
    """penpaper's state folder: ``override``, else ``PENPAPER_HOME``, else the platform's."""
    if override is not None:
        return override.expanduser()
    from_environment = os.environ.get(HOME_ENVIRONMENT_VARIABLE, "").strip()
    if from_environment:
        return Path(from_environment).expanduser()
    return platformdirs.user_data_path("penpaper")


def cache_dir(override: Path | None = None) -> Path:
    """Where rebuildable files go (the parsed-bank cache): the ``cache`` folder of the data
    folder in use (``override``, else ``PENPAPER_HOME``), so a test or a portable setup
    keeps everything in one folder; else the platform's user cache folder."""
    from_environment = os.environ.get(HOME_ENVIRONMENT_VARIABLE, "").strip()
    if override is not None or from_environment:
        return data_dir(override) / "cache"
    return platformdirs.user_cache_path("penpaper")


def database_path(override: Path | None = None) -> Path:
    """The progress database (the local spaced-repetition state file) inside :func:`data_dir`."""
    return data_dir(override) / DATABASE_NAME
