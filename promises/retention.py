"""Personal data retention: apps register a purge in ``AppConfig.ready()``; the command
``purge_personal_data`` runs them all. Each takes ``older_than_days`` and returns a count."""

from collections.abc import Callable

_purges: dict[str, Callable[..., int]] = {}


def register(label: str, purge: Callable[..., int]) -> None:
    _purges[label] = purge


def purge_all(*, older_than_days: int) -> dict[str, int]:
    return {label: purge(older_than_days=older_than_days) for label, purge in _purges.items()}
