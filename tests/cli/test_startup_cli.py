"""What a command loads: `--version` and `reward compute` (no database) start without SQLAlchemy, reportlab or
openpyxl (core.cli.app imports only the area of the command being run), and `--json` on a pipe is compact."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli.conftest import ROOT
from tests.cli.test_reward_cli import EXAMPLE

HEAVY = ("sqlalchemy", "reportlab", "openpyxl")


def _imported(*args: str) -> tuple[subprocess.CompletedProcess[str], set[str]]:
    """Run `main.py ARGS` under `-X importtime`: the process and the top-level packages it imported."""
    proc = subprocess.run(
        [sys.executable, "-X", "importtime", str(ROOT / "main.py"), *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
        timeout=120,
    )
    names = {
        line.rsplit("|", 1)[1].strip().split(".")[0]
        for line in proc.stderr.splitlines()
        if line.startswith("import time:") and "|" in line
    }
    assert "core" in names, proc.stderr[-2000:]  # the report was read
    return proc, names


def _input(tmp_path: Path) -> str:
    path = tmp_path / "in.json"
    path.write_text(json.dumps(EXAMPLE, ensure_ascii=False), encoding="utf-8")
    return str(path)


def test_version_loads_no_database_pdf_or_excel_library() -> None:
    proc, names = _imported("--version")
    assert proc.returncode == 0 and "Subsidy Desk" in proc.stdout
    assert not names & set(HEAVY)


@pytest.mark.parametrize("as_json", [False, True])
def test_reward_compute_loads_no_database_pdf_or_excel_library(tmp_path: Path, as_json: bool) -> None:
    proc, names = _imported(
        "reward", "compute", "--input", _input(tmp_path), *(["--json"] if as_json else [])
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert not names & set(HEAVY)


def test_json_on_a_pipe_is_compact_and_parses(tmp_path: Path) -> None:
    proc, _names = _imported("reward", "compute", "--input", _input(tmp_path), "--json")
    out = proc.stdout
    assert (
        out.count("\n") == 1 and '": ' not in out and '", "' not in out
    )  # one line, no spaces after : and ,
    assert json.loads(out)["total"] == "2000000.00"


def test_a_command_still_loads_its_area() -> None:
    proc, names = _imported("backup", "--help")
    assert proc.returncode == 0 and "--out" in proc.stdout
    assert "sqlalchemy" in names  # (backup's area module uses it: the table in core.cli.app picked it)
