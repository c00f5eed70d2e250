"""Real-browser journeys: Playwright driving Debian's chromium against a live server."""

import os
import shutil

import pytest

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")

# Playwright's sync API runs an event loop in this thread; the live server and the
# test's own ORM calls are ordinary synchronous Django code.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "tests/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def browser():
    if not (os.path.exists(CHROMIUM) or shutil.which(CHROMIUM)):
        message = f"chromium not found at {CHROMIUM} (apt-get install chromium)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server.url)
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


@pytest.fixture
def csp_violations(page):
    """Content Security Policy violations reported by the browser on any page."""
    violations = []
    page.on(
        "console",
        lambda message: (
            violations.append(f"{page.url}: {message.text}")
            if "Content Security Policy" in message.text
            else None
        ),
    )
    return violations


PROJECT_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(__file__)))
NODE_MODULES = os.path.join(PROJECT_ROOT, "node_modules")


def require_tool(found, message):
    """Skip a check whose tool is missing locally; in CI a missing tool fails."""
    if found:
        return
    if os.environ.get("CI") == "true":
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture(scope="session")
def axe_source():
    """The axe-core script (npm devDependency), to inject into pages under test."""
    path = os.path.join(NODE_MODULES, "axe-core", "axe.min.js")
    require_tool(
        os.path.exists(path), f"{path} is missing: run `npm ci` (make test does)"
    )
    with open(path, encoding="utf-8") as file:
        return file.read()


@pytest.fixture(scope="session")
def vnu_command():
    """The Nu Html Checker command line (npm vnu-jar, run by the system's Java)."""
    jar = os.path.join(NODE_MODULES, "vnu-jar", "build", "dist", "vnu.jar")
    require_tool(
        os.path.exists(jar), f"{jar} is missing: run `npm ci` (make test does)"
    )
    java = shutil.which("java")
    require_tool(java, "java is missing: apt-get install default-jre-headless")
    return [java, "-jar", jar, "--format", "json"]
