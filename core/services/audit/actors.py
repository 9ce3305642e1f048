"""Who an audit entry names: the system and demo actors, and the officer signed in to this process.

`actor_or_system` is the rule for a use case called without an officer (`actor or SYSTEM`);
`actor_or_signed_in` (the desktop window's signed-in officer, `set_signed_in`) is its older form, kept until
the process-wide signed-in officer goes."""

from __future__ import annotations

SYSTEM = "system"
DEMO = "demo"  # the actor of the demo register (core.services.demo)

# The officer signed in to this process (the desktop app sets it at sign-in): recorded for changes whose
# caller passed no actor of its own. One officer per window process; the CLI passes --user explicitly.
_signed_in: str | None = None


def set_signed_in(name: str | None) -> None:
    global _signed_in
    _signed_in = name


def actor_or_signed_in(actor: str) -> str:
    return _signed_in if actor in ("", SYSTEM) and _signed_in else (actor or SYSTEM)


def actor_or_system(actor: str) -> str:
    """The actor to record: the one given, else the system."""
    return actor or SYSTEM
