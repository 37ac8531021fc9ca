"""Need-to-know in a real browser: a leerkracht outside a family's team finds the family,
logs a signal, cannot open the file (404), opens it with "nu openen" and a reason, reads it;
the lead sees the break-the-glass entry at the top of the access log."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.conftest import login

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.filterwarnings("ignore::pytest.PytestRemovedIn10Warning"),
]

DESCRIPTION = "Lotte had vandaag een blauwe plek op haar arm en wilde niet zeggen hoe."
REASON = "Lotte vertelt iets in de klas; ik moet weten wie haar contactpersoon is."


@pytest.fixture
def outside_family(world):
    """Gezin De Groot: annet's family; alice (a leerkracht) is not in its team."""
    from tests.factories import ChildFactory, FamilyFactory

    family = FamilyFactory(
        organisation=world["org_a"], name="Gezin De Groot", team=[world["people"]["annet"]]
    )
    ChildFactory(
        family=family,
        first_name="Lotte",
        group_name="groep 3",
        birth_date=timezone.localdate() - datetime.timedelta(days=6 * 365 + 40),
    )
    return family


def main(page):
    return page.get_by_role("main")


def test_leerkracht_outside_the_team_logs_breaks_the_glass_and_the_lead_sees_it(
    page, live_server, world, outside_family, shoot
):
    login(page, live_server, "alice")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Gezinnen van Basisschool De Regenboog"
    )
    # Finds the family: name and group only, no link to the file.
    page.get_by_label("Zoek op gezinsnaam of voornaam van een kind").fill("De Groot")
    page.get_by_role("button", name="Zoeken").click()
    row = page.get_by_test_id("family-outside-team")
    expect(row).to_have_count(1)
    expect(row).to_contain_text("Gezin De Groot")
    expect(row).to_contain_text("groep 3")
    expect(row).not_to_contain_text("Lotte")
    expect(main(page).get_by_role("link", name="Gezin De Groot", exact=True)).to_have_count(0)
    shoot("need_to_know_list")

    # Logs a signal: logging stays open to every professional.
    row.get_by_role("link", name="Signaal vastleggen").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Gezin De Groot")
    page.get_by_label("Wat zie je?").select_option(value="hunger")
    page.get_by_label("2 · zorg").check()
    page.get_by_label("Wat heb je gezien of gehoord?").fill(DESCRIPTION)
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mijn signalen")
    expect(page.get_by_role("status").first).to_contain_text("Het signaal is vastgelegd")
    expect(main(page)).to_contain_text("Gezin De Groot")

    # Cannot open the file: 404, as if it did not exist.
    response = page.goto(f"{live_server.url}{outside_family.get_absolute_url()}")
    assert response.status == 404

    # Breaks the glass with a reason, and reads the file.
    page.goto(f"{live_server.url}/gezinnen/")
    page.get_by_label("Zoek op gezinsnaam of voornaam van een kind").fill("De Groot")
    page.get_by_role("button", name="Zoeken").click()
    page.get_by_test_id("family-outside-team").get_by_role("link", name="Nu openen").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Dossier nu openen")
    page.get_by_role("button", name="Nu openen").click()  # without a reason: refused
    expect(main(page)).to_contain_text("Schrijf waarom je het dossier nu moet openen.")
    page.get_by_label("Waarom moet je het dossier nu openen?").fill(REASON)
    shoot("need_to_know_break_glass")
    page.get_by_role("button", name="Nu openen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Gezin De Groot")
    expect(page.get_by_test_id("glass-banner")).to_be_visible()
    expect(page.locator("ol.timeline")).to_contain_text(DESCRIPTION)
    expect(main(page)).to_contain_text("Lotte")
    shoot("need_to_know_file_opened")

    # The lead sees the break-the-glass entry at the top of the access log.
    page.context.clear_cookies()
    login(page, live_server, "lena")
    page.goto(f"{live_server.url}/organisatie/toegangslog/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Toegangslog")
    first_table = main(page).locator("table").first
    expect(first_table).to_have_attribute("data-testid", "break-glass-log")
    first_row = first_table.locator("tbody tr").first
    expect(first_row).to_contain_text("Alice Bakker")
    expect(first_row).to_contain_text("Gezin De Groot")
    shoot("need_to_know_access_log")
    # And on the family page, why.
    first_row.get_by_role("link", name="Gezin De Groot").click()
    expect(page.get_by_test_id("open-glass")).to_contain_text(REASON)
