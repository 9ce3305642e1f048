"""Where the app keeps its files by default (the user's data directory, per platform)."""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_data_path

APP_NAME = "SubsidyDesk"
DB_FILE = "subsidy-desk.sqlite"


def data_dir() -> Path:
    """`SUBSIDY_DESK_HOME` overrides the platform's user data directory (tests, portable installs)."""
    override = os.environ.get("SUBSIDY_DESK_HOME")
    return Path(override) if override else user_data_path(APP_NAME, appauthor=False)


def default_db_path() -> Path:
    return data_dir() / DB_FILE
