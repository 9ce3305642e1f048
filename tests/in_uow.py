"""`in_uow`: call a use case that takes a unit of work from a test that holds a `Database`, in a unit of work of
its own (as the CLI and the pages do): `in_uow(db, svc.render_documents, "notice", [case], out, actor="wang")`."""

from __future__ import annotations

from collections.abc import Callable
from typing import Concatenate, ParamSpec, TypeVar

from core.store.uow import Database, UnitOfWork

P = ParamSpec("P")
T = TypeVar("T")


def in_uow(
    db: Database, use_case: Callable[Concatenate[UnitOfWork, P], T], *args: P.args, **kwargs: P.kwargs
) -> T:
    with db.uow() as uow:
        return use_case(uow, *args, **kwargs)
