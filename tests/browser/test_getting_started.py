"""An organisation gets going in an afternoon, in a real browser: the beheerder imports the
school's class list (60 pupils, two bad rows), corrects the column mapping, sees 2 errors and
58 rows, imports, and imports again without duplicates; then invites a colleague, who
chooses a password from the link in the e-mail and logs in."""

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import login

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.filterwarnings("ignore::pytest.PytestRemovedIn10Warning"),
]

CLASS_LIST = Path(__file__).resolve().parent.parent / "data" / "leerlingen_de_regenboog.csv"
NEW_PASSWORD = "Mijn-eigen-wachtwoord-2026"


@pytest.fixture
def beheerder(world):
    from organisations.models import Role
    from tests.factories import MembershipFactory, UserFactory

    user = UserFactory(username="henk", first_name="Henk", last_name="Visser")
    MembershipFactory(user=user, organisation=world["org_a"], role=Role.ADMIN)
    return user


def main(page):
    return page.get_by_role("main")


def import_class_list(page):
    """From the people page: upload, choose the group column, check the preview."""
    main(page).get_by_role("link", name="Leerlingen of kinderen importeren").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Leerlingen of kinderen importeren")
    page.get_by_label("Bestand").set_input_files(str(CLASS_LIST))
    page.get_by_role("button", name="Bestand lezen").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Kolommen koppelen")
    expect(page.get_by_text("60 regels gelezen")).to_be_visible()
    group = page.get_by_label("Groep of klas")
    expect(group).to_have_value("")  # "Groep 2025-2026" is not a name stap0 knows
    expect(page.get_by_label("Roepnaam *")).to_have_value("1")
    group.select_option(label="Groep 2025-2026")
    page.get_by_role("button", name="Verder: controleren").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Controleren voor het importeren")
    expect(page.get_by_test_id("count-ok")).to_have_text("58")
    expect(page.get_by_test_id("count-errors")).to_have_text("2")
    errors = page.get_by_test_id("error-rows")
    expect(errors).to_contain_text("Geboortedatum '31-02-2018' bestaat niet.")
    expect(errors).to_contain_text("Roepnaam ontbreekt.")


def test_beheerder_imports_the_class_list_twice_and_invites_a_colleague(
    page, live_server, world, beheerder, shoot
):
    from django.core import mail

    from families.models import Child, Family

    org = world["org_a"]
    login(page, live_server, "henk")
    expect(page.get_by_role("heading", level=1)).to_have_text("Mensen van Basisschool De Regenboog")

    # The first import.
    import_class_list(page)
    expect(page.get_by_test_id("ok-rows")).to_contain_text("Gezin Jansen")
    shoot("import_preview")
    page.get_by_role("button", name="58 regels importeren").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Import klaar")
    expect(page.get_by_test_id("import-result")).to_contain_text("58 kinderen toegevoegd")
    expect(page.get_by_test_id("import-result")).to_contain_text("in 30 nieuwe gezinnen")
    imported = Child.objects.filter(family__organisation=org, pupil_number__isnull=False)
    assert imported.count() == 58
    families = Family.objects.filter(organisation=org).count()

    # The same file again: nothing twice.
    page.get_by_role("link", name="Naar Mensen").click()
    import_class_list(page)
    expect(main(page)).to_contain_text("0 nieuwe kinderen")
    expect(main(page)).to_contain_text("58 kinderen al bekend")
    page.get_by_role("button", name="58 regels importeren").click()
    expect(page.get_by_test_id("import-result")).to_contain_text("0 kinderen toegevoegd")
    expect(page.get_by_test_id("import-result")).to_contain_text("58 kinderen al bekend")
    assert imported.count() == 58
    assert Family.objects.filter(organisation=org).count() == families

    # Invite a colleague.
    page.get_by_role("link", name="Naar Mensen").click()
    main(page).get_by_role("link", name="Collega uitnodigen").click()
    page.get_by_label("E-mailadres").fill("nina@regenboog.example")
    page.get_by_label("Rol").select_option(value="professional")
    page.get_by_label("Functie").fill("leerkracht groep 4")
    page.get_by_role("button", name="Uitnodiging versturen").click()
    expect(page.get_by_role("status").first).to_contain_text("nina@regenboog.example")
    expect(page.get_by_test_id("invitations")).to_contain_text("nina@regenboog.example")
    page.get_by_role("button", name="Uitloggen").click()

    # The colleague follows the link in the e-mail (read from the test outbox).
    message = mail.outbox[-1]
    assert message.to == ["nina@regenboog.example"]
    link = re.search(r"https?://\S+/uitnodiging/\S+/", message.body)[0]
    page.goto(f"{live_server.url}{urlsplit(link).path}")
    expect(page.get_by_role("heading", level=1)).to_have_text("Welkom bij stap0")
    page.get_by_label("Gebruikersnaam").fill("nina")
    page.get_by_label("Voornaam").fill("Nina")
    page.get_by_label("Achternaam").fill("de Wit")
    page.get_by_label("Kies een wachtwoord").fill(NEW_PASSWORD)
    page.get_by_label("Wachtwoord nog een keer").fill(NEW_PASSWORD)
    shoot("invitation_accept")
    page.get_by_role("button", name="Account aanmaken").click()
    expect(page.get_by_role("status").first).to_contain_text("Je account is klaar")

    login(page, live_server, "nina", password=NEW_PASSWORD)
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Gezinnen van Basisschool De Regenboog"
    )
    expect(page.get_by_test_id("current-organisation")).to_contain_text("professional")
