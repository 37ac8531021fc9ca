"""What a professional and a lead see in a real browser, and how many actions it takes.

Each journey asserts what the user sees and prints its clicks and keystrokes; logging an
observation has an upper bound, so that a form that grows slower fails here.
"""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import Counter, login, risk_history

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.filterwarnings("ignore::pytest.PytestRemovedIn10Warning"),
]

# Logging an observation from the family page: the button, the category (open + pick),
# the severity, the description field, save. The text itself is the only typing.
MAX_CLICKS_TO_LOG = 6
DESCRIPTION = "Noor kwam vanochtend zonder ontbijt en zonder jas; zei dat mama nog sliep."


def main(page):
    return page.get_by_role("main")


def log_observation_from_family_page(page, counter, *, category="hunger", shoot=None, name=""):
    """From the family page: open the form, choose a category, see its explanation, save."""
    counter.click(main(page).get_by_role("link", name="Signaal vastleggen"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Signaal vastleggen")
    counter.select(page.get_by_label("Wat zie je?"), value=category)
    help_box = page.locator("#category-help-box")
    expect(help_box).to_contain_text("Vaak honger of geen eten bij zich")
    expect(help_box).to_contain_text("Wat je kunt vragen")
    expect(help_box.locator("[data-help-explanation]")).not_to_be_empty()
    counter.check(page.get_by_label("2 · zorg"))
    counter.fill(page.get_by_label("Wat heb je gezien of gehoord?"), DESCRIPTION)
    if shoot:
        shoot(name)
    counter.click(page.get_by_role("button", name="Opslaan"))


def test_1_professional_logs_an_observation_and_sees_it_on_the_timeline(
    page, live_server, world, shoot
):
    page.goto(f"{live_server.url}/inloggen/")
    shoot("login")
    login(page, live_server, "alice")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Gezinnen van Basisschool De Regenboog"
    )
    expect(page.get_by_role("link", name="Gezin Smit")).to_have_count(0)  # other organisation
    shoot("family_list")

    counter = Counter(page)
    counter.click(page.get_by_role("link", name="Gezin Jansen"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Gezin Jansen")
    expect(page.get_by_test_id("timeline-empty")).to_be_visible()
    shoot("family_page_empty")

    log = Counter(page)
    log_observation_from_family_page(page, log, shoot=shoot, name="observation_form_journey")

    expect(page.get_by_role("heading", level=1)).to_have_text("Gezin Jansen")
    expect(page.get_by_role("status").first).to_contain_text("Het signaal is vastgelegd")
    timeline = page.locator("ol.timeline")
    expect(timeline).to_contain_text("Vaak honger of geen eten bij zich")
    expect(timeline).to_contain_text(DESCRIPTION)
    expect(timeline).to_contain_text("zorg")
    expect(timeline).to_contain_text("Noor")  # the only child was preselected
    shoot("family_page")

    counter.report("reis 1, gezin openen vanuit de lijst")
    log.report("reis 1, signaal vastleggen vanaf het gezin")
    assert log.clicks <= MAX_CLICKS_TO_LOG
    assert log.keys == len(DESCRIPTION)


def test_2_acute_observation_from_the_global_button_shows_veilig_thuis(
    page, live_server, world, mailoutbox
):
    login(page, live_server, "alice")
    counter = Counter(page)
    counter.click(page.get_by_role("navigation").get_by_role("link", name="Signaal vastleggen"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Signaal vastleggen")
    counter.select(page.get_by_role("combobox", name=re.compile(r"^Gezin")), label="Gezin Visser")
    counter.select(page.get_by_label("Wat zie je?"), value="fear-going-home")
    counter.check(page.get_by_label("3 · ernstige zorg"))
    counter.fill(
        page.get_by_label("Wat heb je gezien of gehoord?"),
        "Tim wil niet naar huis en heeft striemen op zijn rug.",
    )
    guidance = page.locator("#acute-guidance")
    counter.check(page.get_by_label("Acuut gevaar: het kind is nu niet veilig"))
    expect(guidance).to_have_attribute("open", "")
    expect(guidance).to_contain_text("Bel 112.")
    expect(guidance).to_contain_text("Veilig Thuis: 0800-2000")
    counter.click(page.get_by_role("button", name="Opslaan"))

    expect(page.get_by_role("heading", level=1)).to_have_text("Gezin Visser")
    alert = page.locator(".alert-danger").filter(has_text="Acuut signaal opgeslagen")
    expect(alert).to_contain_text("Bel 112")
    expect(alert).to_contain_text("Veilig Thuis: 0800-2000")
    expect(page.locator("ol.timeline")).to_contain_text("acuut")
    counter.report("reis 2, acuut signaal via de knop in de menubalk")
    assert counter.clicks <= 9

    # The lead hears of it at once, without content.
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == [world["people"]["lena"].email]
    assert "Visser" not in mailoutbox[0].body and "Tim" not in mailoutbox[0].body


def test_3_colleague_answers_kijk_je_mee_with_ik_herken_dit(page, live_server, world):
    from signals import services

    people, family = world["people"], world["families"]["Gezin Jansen"]
    services.look_request_create(
        family=family,
        requested_by=people["alice"],
        requested_from=people["annet"],
        message="Zie jij ook dat Noor vaak moe is?",
    )
    login(page, live_server, "annet")
    counter = Counter(page)
    voor_mij = page.get_by_role("navigation").get_by_role("link", name=re.compile("Voor mij"))
    expect(voor_mij).to_contain_text("1")
    counter.click(voor_mij)
    request_card = page.locator("section.card").filter(has_text="Gezin Jansen")
    expect(request_card).to_contain_text("Zie jij ook dat Noor vaak moe is?")
    expect(request_card).to_contain_text("gevraagd door Alice Bakker")
    counter.check(request_card.get_by_label("ik herken dit"))
    counter.fill(
        request_card.get_by_label("Toelichting"),
        "Ja, in de gymles is ze ook snel op.",
    )
    counter.click(request_card.get_by_role("button", name="Antwoorden"))

    expect(page.get_by_role("status").first).to_contain_text(
        "Je antwoord staat bij het gezin Gezin Jansen"
    )
    expect(page.get_by_text("Geen open verzoeken. Fijn!")).to_be_visible()
    counter.click(page.get_by_role("link", name="Gezin Jansen").first)
    note = page.locator("ol.timeline li").filter(has_text="Ja, in de gymles is ze ook snel op.")
    expect(note).to_contain_text("ik herken dit")
    expect(note).to_contain_text("Annet de Boer")
    counter.report("reis 3, meekijken beantwoorden")


def test_6_stranger_typing_a_family_url_gets_not_found(page, live_server, world):
    family = world["families"]["Gezin Jansen"]
    login(page, live_server, "bob")
    response = page.goto(f"{live_server.url}{family.get_absolute_url()}")
    assert response.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("Pagina niet gevonden")
    expect(page.locator("body")).not_to_contain_text("Jansen")
    expect(page.locator("body")).not_to_contain_text("Noor")


def test_7_phone_sized_screen(browser, live_server, world, browser_context_args):
    """Journey 1 on a phone (390x844): gastouders and jeugdartsen log on their phones."""
    context = browser.new_context(
        **{**browser_context_args, "viewport": {"width": 390, "height": 844}},
        is_mobile=True,
        has_touch=True,
        device_scale_factor=2,
    )
    page = context.new_page()
    try:
        login(page, live_server, "alice")
        expect(page.get_by_role("heading", level=1)).to_have_text(
            "Gezinnen van Basisschool De Regenboog"
        )
        counter = Counter(page)
        counter.click(page.get_by_role("link", name="Gezin Jansen"))
        expect(page.get_by_role("heading", level=1)).to_have_text("Gezin Jansen")
        log = Counter(page)
        log_observation_from_family_page(page, log, shoot=None)
        expect(page.locator("ol.timeline")).to_contain_text(DESCRIPTION)
        # Nothing sticks out sideways on the phone.
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        log.report("reis 7, telefoon: signaal vastleggen vanaf het gezin")
        assert log.clicks <= MAX_CLICKS_TO_LOG

        # The phone screenshot of the form, with a category's help showing.
        page.goto(
            f"{live_server.url}/signalen/gezin/{world['families']['Gezin Jansen'].public_id}"
            "/vastleggen/"
        )
        page.get_by_label("Wat zie je?").select_option(value="hunger")
        from tests.browser.conftest import SCREENSHOTS

        SCREENSHOTS.mkdir(exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / "observation_form_phone.png"), full_page=True)
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
    finally:
        context.close()


def test_4_lead_filters_explains_reviews_and_the_marker_clears(page, live_server, world, shoot):
    risk_history(world)
    login(page, live_server, "lena")
    expect(page.get_by_role("heading", level=1)).to_have_text("Werklijst")
    table = page.get_by_test_id("dashboard-table")
    expect(table.locator("tr[data-family]")).to_have_count(3)
    first = table.locator("tr[data-family]").first
    expect(first).to_contain_text("Gezin El Amrani")
    expect(first).to_contain_text("stapeling")
    expect(first).to_contain_text("nog nooit beoordeeld")
    shoot("dashboard_journey")

    counter = Counter(page)
    counter.select(page.get_by_label("Status"), label="stapeling")
    counter.click(page.get_by_role("button", name="Filteren"))
    expect(table.locator("tr[data-family]")).to_have_count(1)
    expect(table).not_to_contain_text("Gezin Visser")

    counter.click(page.get_by_role("link", name="waarom? Gezin El Amrani"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Gezin El Amrani")
    expect(page.get_by_test_id("explanation-status")).to_have_text("stapeling")
    expect(page.get_by_test_id("explanation-rule")).to_contain_text("verschillende")
    expect(page.get_by_test_id("contributions").locator("tbody tr")).to_have_count(4)
    shoot("explanation")

    counter.click(page.get_by_role("link", name="Beoordeling vastleggen"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Beoordeling van Gezin El Amrani")
    steps = page.locator("[data-step]")
    answers = [
        ("ja", "Vier verschillende risico's binnen een maand, door twee collega's gezien."),
        ("nee", "Geen acute of structurele onveiligheid gezien."),
        ("ja", "Ik ga met moeder in gesprek en schakel het wijkteam in."),
    ]
    for n, (answer, reason) in enumerate(answers, start=1):
        step = steps.nth(n - 1)
        counter.check(step.get_by_label(answer, exact=True))
        counter.fill(step.get_by_label("Toelichting"), reason)
    expect(page.locator("[data-stop-message]")).to_be_hidden()
    counter.select(page.get_by_label("Besluit"), label="gesprek met ouders")
    counter.fill(page.get_by_label("Onderbouwing"), "Gesprek met moeder volgende week.")
    shoot("review_form")
    counter.click(page.get_by_role("button", name="Beoordeling opslaan"))
    expect(page.get_by_role("status").first).to_be_visible()

    page.goto(f"{live_server.url}/signalen/dashboard/")
    row = (
        page.get_by_test_id("dashboard-table")
        .locator("tr[data-family]")
        .filter(has_text="Gezin El Amrani")
    )
    expect(row).to_contain_text("stapeling")
    expect(row).not_to_contain_text("nog nooit beoordeeld")
    expect(row).not_to_contain_text("nieuw sinds laatste beoordeling")
    expect(row).to_contain_text("gesprek met ouders")
    counter.report("reis 4, filteren, uitleg, beoordelen met het afwegingskader")


def test_5_language_switch_turns_the_dashboard_english_and_back(page, live_server, world):
    from django.conf import settings
    from django.utils import translation

    catalogue = settings.BASE_DIR / "locale" / "en" / "LC_MESSAGES" / "django.mo"
    if not catalogue.exists():
        pytest.skip(f"no English catalogue yet ({catalogue}): run `make messages`")
    with translation.override("en"):
        english = translation.gettext("Werklijst")
        families = translation.gettext("Gezinnen")
    assert english != "Werklijst", "the English catalogue lacks the dashboard title"

    login(page, live_server, "lena")
    heading = page.get_by_role("heading", level=1)
    expect(heading).to_have_text("Werklijst")
    counter = Counter(page)
    counter.click(page.get_by_role("button", name="English"))
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(heading).to_have_text(english)
    expect(page.get_by_role("navigation").get_by_role("link", name=families)).to_be_visible()
    counter.click(page.get_by_role("button", name="Nederlands"))
    expect(page.locator("html")).to_have_attribute("lang", "nl")
    expect(heading).to_have_text("Werklijst")
    counter.report("reis 5, taal wisselen en terug")
    assert counter.clicks == 2
