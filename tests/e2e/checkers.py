"""Run axe-core in a page and the Nu Html Checker on documents, as plain data."""

import json
import subprocess
import tempfile
from pathlib import Path

BLOCKING_IMPACTS = {"serious", "critical"}


def run_axe(page, axe_source, *, rules=None):
    """Return axe-core's violations on the page as it stands, one dict each.

    The script goes in through the DevTools protocol, which the page's Content
    Security Policy does not govern, so the page keeps its real policy.
    """
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(axe_source)
    options = {"resultTypes": ["violations"]}
    if rules:
        options["runOnly"] = {"type": "rule", "values": rules}
    else:
        options["runOnly"] = {
            "type": "tag",
            "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"],
        }
    results = page.evaluate("options => axe.run(document, options)", options)
    return [
        {
            "rule": violation["id"],
            "impact": violation["impact"],
            "help": violation["help"],
            "targets": [node["target"] for node in violation["nodes"]],
        }
        for violation in results["violations"]
    ]


def blocking(violations):
    return [v for v in violations if v["impact"] in BLOCKING_IMPACTS]


def run_vnu(vnu_command, documents):
    """Check HTML documents ({name: html}); return {name: [error messages]}."""
    with tempfile.TemporaryDirectory() as folder:
        names = {}
        for index, (name, html) in enumerate(documents.items()):
            path = Path(folder) / f"page{index}.html"
            path.write_text(html, encoding="utf-8")
            names[f"file:{path}"] = name
        result = subprocess.run(  # noqa: S603 - a fixed command on our own files
            [*vnu_command, *(url.removeprefix("file:") for url in names)],
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
    report = json.loads(result.stderr or result.stdout)
    errors = {}
    for message in report["messages"]:
        if message["type"] == "error" or message.get("subType") == "fatal":
            name = names.get(message.get("url"), message.get("url"))
            errors.setdefault(name, []).append(
                f"line {message.get('lastLine')}: {message['message']}"
            )
    return errors
