"""Failures at the edges are values that say whether a retry makes sense."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Failure:
    """What went wrong at an edge (HTTP, broker, channel) and whether to try again."""

    reason: str
    retry: bool
    retry_after: float | None = None
    # The request was sent but no answer came (a reset, a timeout, a deadline): the receiver may
    # have taken it, so a blind re-send could deliver it twice.
    maybe_delivered: bool = False

    def __str__(self) -> str:
        hint = "可重试" if self.retry else "不可重试"
        return f"{self.reason} ({hint})"


class ConfigError(Exception):
    """A settings or policy file is invalid; the message names the file, the key and the fix."""


class BrokerUnavailable(Exception):
    """The Kafka bootstrap servers did not answer within the allowed time."""
