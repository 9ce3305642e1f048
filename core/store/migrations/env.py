"""Alembic environment: run with a connection handed in through `config.attributes["connection"]`."""

from __future__ import annotations

from alembic import context

from core.store.models import Base

config = context.config
connection = config.attributes.get("connection")
if connection is None:  # pragma: no cover - the app always hands its own connection in
    raise RuntimeError("core.store.migrate passes the connection; run migrations through it")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=connection.dialect.name == "sqlite",
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
import core.store.models_audit  # noqa: E402 - registers the audit trail on Base.metadata
import core.store.models_budget  # noqa: E402 - registers the budget lines on Base.metadata
import core.store.models_calendar  # noqa: E402 - registers the added holiday schedules on Base.metadata
import core.store.models_cases  # noqa: E402 - registers the reward-case tables on Base.metadata
import core.store.models_documents  # noqa: E402 - registers the document tables on Base.metadata
import core.store.models_imports  # noqa: E402 - registers the import tables on Base.metadata
import core.store.models_users  # noqa: E402 - registers the officer accounts on Base.metadata
import core.store.models_workflow  # noqa: E402, F401 - registers the case events and payments on Base.metadata
