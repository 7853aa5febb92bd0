"""Take the README's screenshots: the matrix with a cell opened and the network with a node selected.

    .venv/bin/python scripts/screenshots.py

Starts a server on a fresh SQLite database with the battery dataset (as the browser tests do) and
drives Debian's Chromium. The images go to docs/.
"""

import os
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "arvoketju.settings")

from playwright.sync_api import sync_playwright  # noqa: E402

from arvoketju.testing.server import CHROMIUM, CHROMIUM_ARGS, running_server  # noqa: E402


def main():
    with (
        tempfile.TemporaryDirectory() as folder,
        running_server(Path(folder), admin_password="screenshots-only-123") as base,
    ):
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1400, "height": 1000}, locale="en-GB")
            page.goto(base + "/en/matrix/")
            cell = page.locator("a.cell[data-cell^='active-materials@']").first
            cell.click()
            page.wait_for_selector("#cell-detail")
            page.screenshot(path=str(REPO / "docs/screenshot-matrix.png"), full_page=True)
            page.goto(base + "/en/network/")
            page.wait_for_selector("canvas[data-ready=true]", timeout=60_000)
            page.evaluate("window.arvoketjuNetwork.select('centria')")
            page.evaluate("window.arvoketjuNetwork.drawNow()")
            page.screenshot(path=str(REPO / "docs/screenshot-network.png"))
            browser.close()


if __name__ == "__main__":
    main()
