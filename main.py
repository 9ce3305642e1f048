"""Subsidy Desk (奖补案件台). No command: open the window. A command: run it headless (see --help)."""

import sys

from core.cli.options import wants_gui

if __name__ == "__main__":
    argv = sys.argv[1:]
    if wants_gui(argv):
        from ui.app import run

        sys.exit(run(argv))
    from core.cli.app import main as cli_main

    sys.exit(cli_main(argv))
