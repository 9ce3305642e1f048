"""Errors a use case raises for the caller to show: each carries a Chinese message an officer can act on."""

from __future__ import annotations


class ServiceError(Exception):
    """Base: `str(error)` is the message to show."""


class InputError(ServiceError):
    """The input is wrong; `fields` maps a field name to what is wrong with it (the form marks those)."""

    def __init__(self, message: str, fields: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.fields = dict(fields or {})


class NotFound(ServiceError):
    pass


class Conflict(ServiceError):
    """The record changed or exists already (a duplicate code, another officer's save)."""
