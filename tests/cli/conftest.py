from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]


@dataclass
class Run:
    code: int
    out: str
    err: str

    @property
    def json(self) -> Any:
        return json.loads(self.out)


@pytest.fixture
def cli(tmp_path: Path) -> Callable[..., Run]:
    """Run `main.py --db <tmp>/cli.sqlite ARGS` as the officer's shell would."""
    db = tmp_path / "cli.sqlite"

    def run(*args: str, with_db: bool = True, env: dict[str, str] | None = None) -> Run:
        argv = [sys.executable, str(ROOT / "main.py"), *(["--db", str(db)] if with_db else []), *args]
        full_env = {**os.environ, "PYTHONIOENCODING": "utf-8", **(env or {})}
        proc = subprocess.run(
            argv, cwd=ROOT, capture_output=True, text=True, encoding="utf-8", env=full_env, timeout=120
        )
        return Run(proc.returncode, proc.stdout, proc.stderr)

    return run
