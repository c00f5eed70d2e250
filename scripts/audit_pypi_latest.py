"""Known-vulnerability check of the installed Python packages from PyPI's project JSON.

pip-audit asks PyPI's per-release JSON API (/pypi/NAME/VERSION/json) or OSV. Where
neither can be reached but PyPI's project JSON (/pypi/NAME/json) can, as in this
project's sandboxed CI, this script answers the same question from there. That
endpoint carries PyPI's advisories (OSV data) for the project's latest release only, so:

- a package at its latest release is checked: its advisories are the findings;
- a package behind its latest release cannot be checked this way and fails the
  audit, unless it is the newest release of a series that its project still patches
  (SUPPORTED_SERIES): a project that backports every security fix to a supported
  series (Django's policy) has no known advisory against that series' newest release
  that its latest release does not also carry.

Exit status 0 when every package was checked and none has an advisory, 1 otherwise,
2 when PyPI cannot be reached at all. Run with the virtualenv's Python:
    .venv/bin/python scripts/audit_pypi_latest.py
"""

import datetime
import json
import sys
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from importlib.metadata import distributions

from packaging.version import InvalidVersion, Version

PYPI_PROJECT_URL = "https://pypi.org/pypi/{name}/json"

# Series that their project patches for security, and until when.
# Django: 5.2 is an LTS release with security fixes until April 2028
# (https://www.djangoproject.com/download/#supported-versions); Django releases
# every security fix for every supported series at once.
SUPPORTED_SERIES = {
    "django": {"5.2": datetime.date(2028, 4, 30)},
}

# Releases that another dependency requires exactly, so no newer one can be
# installed: accepted, with the reason, until the review date. PyPI's project JSON
# cannot check them; `make audit` (pip-audit) does where its services answer.
HELD_BACK = {
    "python-dateutil": (
        "2.9.0.post0",
        "celery 5.7 requires exactly python-dateutil==2.9.0.post0",
        datetime.date(2027, 6, 30),
    ),
    "packaging": (
        "26.3",
        "kombu 5.7 (celery's transport, with redis) requires exactly packaging==26.3",
        datetime.date(2027, 6, 30),
    ),
    "jsonschema-rs": (
        "0.60.3",
        "schemathesis 4.32 (the API's schema tests) requires jsonschema-rs<0.61",
        datetime.date(2027, 6, 30),
    ),
}

# Our own package, installed from this checkout, is not on PyPI.
OWN_PACKAGES = {"consultation"}


class PyPIUnreachableError(Exception):
    """PyPI's project JSON could not be fetched at all."""


@dataclass(frozen=True)
class Verdict:
    name: str
    installed: str
    latest: str
    findings: tuple[str, ...] = ()
    unverifiable: str = ""
    accepted: str = ""

    @property
    def passed(self) -> bool:
        return not self.findings and not self.unverifiable


def normalise(name: str) -> str:
    return name.lower().replace("_", "-").replace(".", "-")


def series(version: Version) -> str:
    return f"{version.major}.{version.minor}"


def open_advisories(project: dict) -> tuple[str, ...]:
    """The latest release's advisories that were not withdrawn, one line each."""
    lines = []
    for advisory in project.get("vulnerabilities") or []:
        if advisory.get("withdrawn"):
            continue
        names = ", ".join([advisory.get("id", "?"), *advisory.get("aliases", [])])
        fixed = ", ".join(advisory.get("fixed_in") or []) or "no fix yet"
        lines.append(f"{names} (fixed in: {fixed})")
    return tuple(lines)


def newest_in_series(project: dict, wanted: str) -> Version | None:
    """The newest final release of a series that has files and is not yanked."""
    newest = None
    for text, files in project.get("releases", {}).items():
        try:
            version = Version(text)
        except InvalidVersion:
            continue
        if version.is_prerelease or series(version) != wanted:
            continue
        if not files or all(file.get("yanked") for file in files):
            continue
        newest = max(newest, version) if newest else version
    return newest


def judge(name: str, installed: str, project: dict, *, today: datetime.date) -> Verdict:
    """Whether the installed release is clear of known advisories, as PyPI tells."""
    latest = project["info"]["version"]
    advisories = open_advisories(project)
    if Version(installed) == Version(latest):
        return Verdict(name, installed, latest, findings=advisories)
    version = Version(installed)
    held_back = HELD_BACK.get(normalise(name))
    if held_back is not None:
        pinned, reason, review_by = held_back
        if Version(pinned) == version and today <= review_by:
            return Verdict(
                name, installed, latest, accepted=f"{reason} (review by {review_by})"
            )
    supported_until = SUPPORTED_SERIES.get(normalise(name), {}).get(series(version))
    if supported_until is None:
        return Verdict(
            name, installed, latest, unverifiable="behind its latest release"
        )
    if today > supported_until:
        return Verdict(
            name,
            installed,
            latest,
            unverifiable=(
                f"series {series(version)} unsupported since {supported_until}"
            ),
        )
    if version != newest_in_series(project, series(version)):
        return Verdict(
            name,
            installed,
            latest,
            unverifiable=f"not the newest {series(version)}.x release",
        )
    # The newest release of a patched series: an advisory without a fix would
    # show on the latest release too.
    return Verdict(name, installed, latest, findings=advisories)


def fetch_project(name: str) -> dict:
    url = PYPI_PROJECT_URL.format(name=name)
    # A fixed https:// address on pypi.org, not user input.
    with urllib.request.urlopen(url, timeout=20) as response:  # noqa: S310  # nosec B310
        return json.load(response)


def installed_packages() -> dict[str, str]:
    packages = {}
    for dist in distributions():
        name = dist.metadata["Name"]
        if name and normalise(name) not in OWN_PACKAGES:
            packages[name] = dist.version
    return dict(sorted(packages.items(), key=lambda item: normalise(item[0])))


def audit(packages: dict[str, str], *, today: datetime.date) -> list[Verdict]:
    def check(item):
        name, installed = item
        try:
            project = fetch_project(name)
        except urllib.error.HTTPError as error:
            unverifiable = f"PyPI answered {error.code}"
            return Verdict(name, installed, "?", unverifiable=unverifiable)
        except OSError as error:
            raise PyPIUnreachableError(f"{name}: {error}") from error
        return judge(name, installed, project, today=today)

    with ThreadPoolExecutor(max_workers=8) as pool:
        return list(pool.map(check, packages.items()))


def main() -> int:
    try:
        verdicts = audit(installed_packages(), today=datetime.date.today())
    except PyPIUnreachableError as error:
        print(f"PyPI's project JSON is unreachable: {error}", file=sys.stderr)
        return 2
    failed = [verdict for verdict in verdicts if not verdict.passed]
    for verdict in verdicts:
        if verdict.accepted:
            print(
                f"{verdict.name} {verdict.installed} (latest {verdict.latest}): "
                f"held back, accepted: {verdict.accepted}"
            )
    for verdict in failed:
        print(f"{verdict.name} {verdict.installed} (latest {verdict.latest}):")
        for finding in verdict.findings:
            print(f"  known vulnerability {finding}")
        if verdict.unverifiable:
            print(
                f"  cannot be checked: {verdict.unverifiable}; upgrade it, or raise "
                "its upper bound in pyproject.toml, or run `make audit` where "
                "pip-audit's services answer"
            )
    print(
        f"Checked {len(verdicts)} installed packages against PyPI's advisories: "
        f"{len(verdicts) - len(failed)} clear, {len(failed)} not."
    )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
