"""Unit of work: one session, rolled back unless `commit()` is called (cosmicpython's pattern)."""

from __future__ import annotations

from types import TracebackType

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker


class UnitOfWork:
    def __init__(self, engine: Engine) -> None:
        self._factory = sessionmaker(bind=engine, expire_on_commit=False)
        self._session: Session | None = None

    @property
    def session(self) -> Session:
        if self._session is None:
            raise RuntimeError("UnitOfWork used outside `with`")
        return self._session

    def __enter__(self) -> UnitOfWork:
        self._session = self._factory()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        assert self._session is not None
        try:
            self._session.rollback()
        finally:
            self._session.close()
            self._session = None

    def commit(self) -> None:
        self.session.commit()

    def rollback(self) -> None:
        self.session.rollback()


class FlushOnCommit(UnitOfWork):
    """The caller's unit of work with `commit()` turned into a flush: lets one use case call another (freezing
    a case inside a decision, moving cases inside the transaction that issues their notice) so that all of it
    is committed or rolled back together by the caller."""

    def __init__(self, outer: UnitOfWork) -> None:
        self._outer = outer

    @property
    def session(self) -> Session:
        return self._outer.session

    def commit(self) -> None:
        self._outer.session.flush()


class Database:
    """An engine plus the means to open units of work on it; what services and the UI are handed."""

    def __init__(self, engine: Engine, url_text: str) -> None:
        self.engine = engine
        self.url_text = url_text

    def uow(self) -> UnitOfWork:
        return UnitOfWork(self.engine)

    def dispose(self) -> None:
        self.engine.dispose()
