"""Who an audit entry names: the system and demo actors, and the rule for a use case called without an
officer. There is no process-wide "signed-in" officer: the window passes its signed-in officer and the CLI
`--user` to every use case that writes."""

from __future__ import annotations

SYSTEM = "system"
DEMO = "demo"  # the actor of the demo register (core.services.demo)


def actor_or_system(actor: str | None) -> str:
    """The actor to record: the one the caller names, else the system."""
    return actor or SYSTEM
