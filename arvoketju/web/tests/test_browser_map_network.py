"""The map and the network in a real headless Chromium against a real server (one for the module)."""

import os

import pytest

from arvoketju.testing.server import CHROMIUM

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not os.path.exists(CHROMIUM), reason="Chromium is installed by scripts/services.sh"),
]


def test_map_region_then_zoomed_in_point_lists_its_actors(page, server):
    page.goto(server + "/en/map/")
    region = "region-16"  # Central Ostrobothnia
    page.click(f".layer-regions a.bubble[data-place={region}]")
    page.wait_for_selector("#map-panel .actor-list li")
    assert "Central Ostrobothnia" in page.text_content("#map-panel h2")
    assert page.locator("#map-panel a[href$='/organisations/centria/']").count() == 1
    assert f"place={region}" in page.url
    # zoomed in, the circles give way to the actors themselves, which the keyboard reaches too
    page.click("[data-zoom=in]")
    page.click("[data-zoom=in]")
    assert page.locator("#map-svg.view-actors").count() == 1
    point = page.locator(".layer-actors a[data-organisation=centria]")
    point.focus()
    page.keyboard.press("Enter")
    page.wait_for_function("document.querySelector('#map-panel h2').textContent.includes('Kokkola')")
    assert "Centria" in page.text_content("#map-panel")


def test_network_click_a_node_shows_neighbours_and_projects(page, server):
    page.goto(server + "/en/network/")
    page.wait_for_selector("#network-canvas[data-ready=true]")
    assert page.locator("#network-legend li").count() >= 3
    position = page.evaluate("window.arvoketjuNetwork.screenPosition('centria')")
    page.mouse.click(position["x"], position["y"])
    page.wait_for_selector("#network-panel ul.neighbours li")
    assert "Centria" in page.text_content("#network-panel h2")
    neighbours = page.locator("#network-panel ul.neighbours li")
    assert neighbours.count() >= 2
    assert neighbours.first.locator(".edge-projects a").count() >= 1
    assert "node=centria" in page.url
    # so does finding an organisation by name, from the keyboard
    page.fill("#network-find", "Aalto yliopisto")
    page.press("#network-find", "Enter")
    page.locator("#network-find").dispatch_event("change")
    page.wait_for_function("document.querySelector('#network-panel h2').textContent.includes('Aalto')")
    # the table of central organisations selects a node too
    first = page.locator(".network-table a[data-node]").first
    label = first.text_content()
    first.click()
    page.wait_for_function(
        "label => document.querySelector('#network-panel h3') && "
        "window.arvoketjuNetwork.data().nodes.some(n => n.label === label)",
        arg=label,
    )


@pytest.mark.parametrize(
    ("path", "ready", "name"), [("/en/map/", "#map-svg", "map"), ("/en/network/", "canvas[data-ready=true]", "network")]
)
def test_the_map_and_the_network_download_as_png_and_svg(page, server, path, ready, name, tmp_path):
    from xml.etree import ElementTree

    page.goto(server + path)
    page.wait_for_selector(ready, timeout=60_000)
    for fmt in ("svg", "png"):
        with page.expect_download() as download:
            page.click(f"button[data-export={fmt}][data-filename={name}]")
        target = tmp_path / f"{name}.{fmt}"
        download.value.save_as(target)
        assert download.value.suggested_filename == f"{name}.{fmt}"
        data = target.read_bytes()
        if fmt == "png":
            assert data.startswith(b"\x89PNG\r\n\x1a\n") and len(data) > 5000
        else:
            root = ElementTree.fromstring(data)
            assert root.tag == "{http://www.w3.org/2000/svg}svg"
            shapes = root.findall(".//{http://www.w3.org/2000/svg}path") + root.findall(
                ".//{http://www.w3.org/2000/svg}circle"
            )
            assert len(shapes) > 20
            assert "Centria" in data.decode() or name == "map"
