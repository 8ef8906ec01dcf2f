"""The HTML opens offline in headless Chromium with no failed request and none to the network."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.report.conftest import Built

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _require_chromium() -> None:
    if CHROMIUM.is_file():
        return
    message = "Debian's chromium is not installed (scripts/system-packages.sh installs it)"
    if os.environ.get("CI") == "true":
        pytest.fail(message)
    pytest.skip(message)


def test_the_html_opens_offline_in_chromium(built: Built) -> None:
    _require_chromium()
    from playwright.sync_api import sync_playwright

    failed: list[str] = []
    outside: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        page = browser.new_page()
        page.on("requestfailed", lambda r: failed.append(f"{r.url} {r.failure}"))
        page.on(
            "request",
            lambda r: None if r.url.startswith(("data:", "file:")) else outside.append(r.url),
        )
        page.goto((built.member / "report.html").as_uri(), wait_until="load")
        title = page.title()
        images = page.eval_on_selector_all(
            "img", "els => els.map(e => e.complete && e.naturalWidth > 0)"
        )
        browser.close()
    assert "Sanctions monitoring report" in title
    assert images and all(images)
    assert failed == [] and outside == []
