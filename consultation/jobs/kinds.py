"""The kinds of job and the functions that do them, registered by the apps.

The project's job machinery knows no app: each app registers the work it hands
to a job (``register``) from its AppConfig.ready(), so the web process that
starts a job and the worker that runs it know the same kinds.
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class JobResult:
    """The file a job made, and what the organiser should know about it."""

    content: bytes
    file_name: str
    notes: list[str]


@dataclass(frozen=True)
class JobKind:
    name: str
    label: str
    # run(job, progress) -> JobResult; progress(done) reports how far it got.
    run: Callable


_KINDS: dict[str, JobKind] = {}


def register(name: str, *, label, run: Callable) -> None:
    """Make `run` the work of jobs of kind `name` (label: what the page calls it)."""
    _KINDS[name] = JobKind(name=name, label=label, run=run)


def job_kind(name: str) -> JobKind:
    """Return the registered kind; KeyError for one no app registered."""
    return _KINDS[name]
