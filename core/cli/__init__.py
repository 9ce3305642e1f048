"""Headless commands: `main.py [--db PATH | --db-url URL] <command> ... [--json]`.

Exit codes: 0 success, 2 bad input (with a message naming what), 1 any other failure.
"""

from core.cli.options import wants_gui

__all__ = ["wants_gui"]
