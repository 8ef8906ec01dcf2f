"""The PDF a person can read: every page rendered to an image has ink and text, every figure
is sharp, no text runs off the page and none is too small to read.

Uses poppler's command-line tools (pdftoppm, pdftotext, pdfimages) as a reader's viewer would.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader

from tests.report.conftest import Built

MIN_PPI = 150  # figures print sharp at this density and above
MIN_TEXT_PT = 6.0  # a word's box height; 7 pt type (the hashes) boxes at about 8 pt
MARGIN_PT = 14 / 25.4 * 72  # report.css: 14 mm left and right


def _poppler(tool: str) -> str:
    found = shutil.which(tool)
    if found:
        return found
    message = f"{tool} (poppler-utils) is not installed"
    if os.environ.get("CI") == "true":
        pytest.fail(message)
    pytest.skip(message)


def _run(*args: str | Path) -> str:
    return subprocess.run([str(a) for a in args], check=True, capture_output=True,
                          text=True).stdout  # fmt: skip


def test_every_page_renders_with_ink(built: Built, tmp_path: Path) -> None:
    pdf = built.member / "report.pdf"
    _run(_poppler("pdftoppm"), "-r", "40", "-png", pdf, tmp_path / "page")
    pages = sorted(tmp_path.glob("page-*.png"))
    assert len(pages) == built.member_result["pages"]
    for page in pages:
        grey = Image.open(page).convert("L")
        # The body only: the running header and the page number are on every page anyway.
        top, bottom = round(grey.height * 18 / 297), round(grey.height * (1 - 16 / 297))
        body = grey.crop((0, top, grey.width, bottom))
        dark = sum(body.histogram()[:128])
        assert dark > 0.0005 * body.width * body.height, f"{page.name} is (nearly) blank"


def _words(pdf: Path) -> list[tuple[int, float, float, float, float, float]]:
    """(page, page width, xMin, xMax, height, yMin) of every word poppler finds."""
    found = []
    xml = _run(_poppler("pdftotext"), "-bbox", pdf, "-")
    word = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">')
    for number, (width, body) in enumerate(
        re.findall(r'<page width="([\d.]+)" height="[\d.]+">(.*?)</page>', xml, re.S), 1
    ):
        for x0, y0, x1, y1 in word.findall(body):
            found.append((number, float(width), float(x0), float(x1), float(y1) - float(y0),
                          float(y0)))  # fmt: skip
    return found


def test_every_page_has_text_within_the_margins(built: Built) -> None:
    for folder in (built.member, built.public):
        words = _words(folder / "report.pdf")
        pages = {w[0] for w in words}
        expected = len(PdfReader(str(folder / "report.pdf")).pages)
        assert pages == set(range(1, expected + 1)), "a page without text"
        for page, width, x0, x1, height, _ in words:
            assert x0 >= MARGIN_PT - 1 and x1 <= width - MARGIN_PT + 1, (
                f"{folder.name} page {page}: text at x {x0:.0f}-{x1:.0f} leaves the text block"
            )
            assert height >= MIN_TEXT_PT, f"{folder.name} page {page}: {height:.1f} pt text"


def test_every_figure_is_sharp(built: Built) -> None:
    listing = _run(_poppler("pdfimages"), "-list", built.member / "report.pdf")
    rows = [line.split() for line in listing.splitlines()[2:] if line.split()[2] == "image"]
    html = (built.member / "report.html").read_text()
    assert len(rows) == html.count("data:image/png;base64,")
    for row in rows:
        page, width, x_ppi, y_ppi = int(row[0]), int(row[3]), int(row[12]), int(row[13])
        assert min(x_ppi, y_ppi) >= MIN_PPI, f"page {page}: a figure at {x_ppi} ppi"
        assert width >= 800, f"page {page}: a figure {width} pixels wide"
