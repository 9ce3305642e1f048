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


ADMIN_PW = "admin password 1"
OFFICER_PW = "officer password 1"


def signed_in(
    cli: Callable[..., Run], user: str = "admin", var: str = "ADMIN_PW", password: str = ADMIN_PW
) -> Callable[..., Run]:
    """`cli` as the officer `user` (issue 16: once a database has officers, changes need one signed in), the
    password in the environment variable `var`."""

    def run(*args: str, env: dict[str, str] | None = None, **kwargs: Any) -> Run:
        return cli("--user", user, "--password-env", var, *args, env={var: password, **(env or {})}, **kwargs)

    return run


def add_admin(cli: Callable[..., Run], name: str = "admin") -> Callable[..., Run]:
    """Create the first administrator (the one unsigned write) and return `cli` signed in as them."""
    made = cli(
        "users", "add", name, "--roles", "admin", "--password-env", "ADMIN_PW", env={"ADMIN_PW": ADMIN_PW}
    )
    assert made.code == 0, made.out + made.err
    return signed_in(cli, name)


def add_officer(
    cli: Callable[..., Run], name: str, roles: str, admin: Callable[..., Run] | None = None
) -> Callable[..., Run]:
    """An officer added by the administrator `admin` (without one: the first administrator is created);
    returns `cli` signed in as the new officer."""
    admin = admin or add_admin(cli)
    made = admin(
        "users", "add", name, "--roles", roles, "--password-env", "NEW_PW", env={"NEW_PW": OFFICER_PW}
    )
    assert made.code == 0, made.out + made.err
    return signed_in(cli, name, "PW", OFFICER_PW)
