"""The README's pictures, taken from the demo (`load_demo`) as a user sees it.

The journeys save their own screenshots of small test worlds; these two show the demo's
twelve school families, so the README shows what `make run` shows.
"""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import login

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.filterwarnings("ignore::pytest.PytestRemovedIn10Warning"),
]


def test_readme_screenshots_of_the_demo(page, live_server, catalogue, shoot, demo):
    from demo.people import DEMO_PASSWORD

    login(page, live_server, "lead", password=DEMO_PASSWORD)
    expect(page.get_by_role("heading", level=1)).to_have_text("Werklijst")
    rows = page.get_by_test_id("dashboard-table").locator("tr[data-family]")
    expect(rows.first).to_contain_text("acuut")  # the demo's acute signal of last week
    assert rows.count() >= 10
    shoot("dashboard", docs=True)

    page.get_by_role("button", name="Uitloggen").click()
    login(page, live_server, "leerkracht", password=DEMO_PASSWORD)
    page.get_by_role("navigation").get_by_role("link", name="Signaal vastleggen").click()
    page.get_by_role("combobox", name="Gezin").first.select_option(index=3)
    page.get_by_label("Wat zie je?").select_option(value="hunger")
    page.get_by_label("2 · zorg").check()
    page.get_by_label("Wat heb je gezien of gehoord?").fill(
        "Kwam vanochtend zonder ontbijt en zonder jas; zei dat mama nog sliep."
    )
    expect(page.locator("#category-help-box")).to_contain_text("Wat je kunt vragen")
    shoot("observation_form", docs=True)
