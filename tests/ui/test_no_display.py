"""Started without a display, the app says so and how to use the CLI, and exits 1 instead of Qt's abort."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Windows and macOS always have a display")
def test_main_without_display_explains_and_exits_1(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    env["SUBSIDY_DESK_HOME"] = str(tmp_path / "home")
    proc = subprocess.run(
        [sys.executable, "main.py", "--db", str(tmp_path / "x.sqlite")],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 1, proc.stderr
    assert "没有可用的显示器" in proc.stderr
    assert "no display" in proc.stderr
    assert "uv run main.py --help" in proc.stderr
    assert "QT_QPA_PLATFORM=offscreen" in proc.stderr
    assert "Aborted" not in proc.stderr and "could not connect to display" not in proc.stderr
    assert not (tmp_path / "x.sqlite").exists()  # nothing was created
