import pytest

from consultation.jobs import kinds

BROKEN = "tests.broken"


def _broken_at_the_third_row(job, progress):
    progress(2)
    raise RuntimeError("The printer's font is missing.")


@pytest.fixture
def broken_kind():
    """A kind of job whose work fails part-way, as a bug or a lost file would."""
    kinds.register(BROKEN, label="Broken", run=_broken_at_the_third_row)
    return BROKEN


@pytest.fixture
def inline_limit(settings):
    """Beyond 3 rows an action starts a job: small tests reach the job path."""
    settings.JOBS_INLINE_LIMIT = 3
    return 3
