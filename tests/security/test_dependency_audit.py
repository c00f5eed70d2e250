"""The dependency audit's fallback: PyPI's project JSON, which knows the latest release.

scripts/audit_pypi_latest.py runs in `make lint` where pip-audit's services cannot be
reached. These tests feed it PyPI answers as they look, without the network.
"""

import datetime
import importlib.util
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "audit_pypi_latest.py"
TODAY = datetime.date(2026, 11, 28)


@pytest.fixture(scope="module")
def audit():
    spec = importlib.util.spec_from_file_location("audit_pypi_latest", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def project(latest, *, releases=(), vulnerabilities=()):
    files = [{"filename": "x.whl", "yanked": False}]
    return {
        "info": {"version": latest},
        "releases": dict.fromkeys((*releases, latest), files),
        "vulnerabilities": list(vulnerabilities),
    }


ADVISORY = {
    "id": "PYSEC-2026-1",
    "aliases": ["CVE-2026-0001"],
    "fixed_in": ["2.0.1"],
    "withdrawn": None,
}


def test_latest_release_without_advisories_passes(audit):
    verdict = audit.judge("lxml", "6.1.3", project("6.1.3"), today=TODAY)

    assert verdict.passed


def test_latest_release_with_an_advisory_fails_and_names_it(audit):
    answer = project("2.0.0", vulnerabilities=[ADVISORY])

    verdict = audit.judge("segno", "2.0.0", answer, today=TODAY)

    assert not verdict.passed
    assert verdict.findings == ("PYSEC-2026-1, CVE-2026-0001 (fixed in: 2.0.1)",)


def test_withdrawn_advisory_is_not_a_finding(audit):
    withdrawn = {**ADVISORY, "withdrawn": "2026-10-01T00:00:00Z"}

    verdict = audit.judge(
        "segno", "2.0.0", project("2.0.0", vulnerabilities=[withdrawn]), today=TODAY
    )

    assert verdict.passed


def test_release_behind_the_latest_cannot_be_checked_and_fails(audit):
    answer = project("6.1.3", releases=["5.4.0"])

    verdict = audit.judge("lxml", "5.4.0", answer, today=TODAY)

    assert not verdict.passed
    assert verdict.unverifiable == "behind its latest release"


def test_newest_patch_of_a_supported_django_series_passes(audit):
    answer = project("6.1.3", releases=["5.2.18", "5.2.19", "6.0.10"])

    verdict = audit.judge("Django", "5.2.19", answer, today=TODAY)

    assert verdict.passed


def test_older_patch_of_a_supported_django_series_fails(audit):
    answer = project("6.1.3", releases=["5.2.18", "5.2.19"])

    verdict = audit.judge("Django", "5.2.18", answer, today=TODAY)

    assert verdict.unverifiable == "not the newest 5.2.x release"


def test_yanked_and_pre_releases_do_not_count_as_the_newest_patch(audit):
    answer = project("6.1.3", releases=["5.2.19", "5.2.20rc1"])
    answer["releases"]["5.2.21"] = [{"filename": "x.whl", "yanked": True}]

    verdict = audit.judge("django", "5.2.19", answer, today=TODAY)

    assert verdict.passed


def test_django_series_past_its_end_of_support_fails(audit):
    answer = project("6.1.3", releases=["5.2.19"])

    verdict = audit.judge("Django", "5.2.19", answer, today=datetime.date(2028, 5, 1))

    assert verdict.unverifiable == "series 5.2 unsupported since 2028-04-30"


def test_unfixed_advisory_on_the_latest_release_fails_a_supported_series(audit):
    unfixed = {**ADVISORY, "fixed_in": []}
    answer = project("6.1.3", releases=["5.2.19"], vulnerabilities=[unfixed])

    verdict = audit.judge("Django", "5.2.19", answer, today=TODAY)

    assert verdict.findings == ("PYSEC-2026-1, CVE-2026-0001 (fixed in: no fix yet)",)


def test_a_release_another_package_pins_exactly_is_accepted_with_its_reason(audit):
    answer = project("4.0.0", releases=["2.9.0.post0"])

    verdict = audit.judge("python-dateutil", "2.9.0.post0", answer, today=TODAY)

    assert verdict.passed
    assert verdict.accepted.startswith("celery 5.7 requires exactly")


def test_a_held_back_package_at_another_release_still_fails(audit):
    answer = project("4.0.0", releases=["2.8.2", "2.9.0.post0"])

    verdict = audit.judge("python-dateutil", "2.8.2", answer, today=TODAY)

    assert not verdict.passed


def test_a_held_back_release_past_its_review_date_fails(audit):
    answer = project("4.0.0", releases=["2.9.0.post0"])

    verdict = audit.judge(
        "python-dateutil", "2.9.0.post0", answer, today=datetime.date(2027, 7, 1)
    )

    assert not verdict.passed
