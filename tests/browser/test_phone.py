"""A leerkracht at 8 in the morning, on a 390 px phone (issue 19).

The primary action is on screen without the menu, a category is found by typing three letters,
a protective factor speaks of strength and has no acute box, and after an acute signal the
family's header says "acuut" with what to do, within the first screen.
"""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import Counter, login

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.filterwarnings("ignore::pytest.PytestRemovedIn10Warning"),
]

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def phone(browser, browser_context_args):
    context = browser.new_context(
        **{**browser_context_args, "viewport": PHONE},
        is_mobile=True,
        has_touch=True,
        device_scale_factor=2,
    )
    page = context.new_page()
    page.set_default_timeout(8_000)
    errors = []
    page.on("console", lambda msg: msg.type == "error" and errors.append(msg.text))
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    yield page
    context.close()
    assert not errors, f"console errors: {errors}"


def fits(page):
    assert page.evaluate("document.documentElement.scrollWidth") == PHONE["width"]


def in_first_screen(locator):
    box = locator.bounding_box()
    assert box is not None and box["y"] + box["height"] <= PHONE["height"], box


def test_leerkracht_logs_on_a_phone_by_typing_three_letters(phone, live_server, world, shoot):
    page = phone
    login(page, live_server, "alice")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Gezinnen van Basisschool De Regenboog"
    )
    fits(page)
    shoot("family_list_phone", docs=True, target=page)

    taps = Counter(page)
    button = page.get_by_test_id("phone-action")
    expect(button).to_be_visible()  # without opening the menu
    expect(page.locator("#mainnav")).to_be_hidden()
    in_first_screen(button)
    taps.click(button)
    expect(page.get_by_role("heading", level=1)).to_have_text("Signaal vastleggen")
    fits(page)
    taps.select(page.get_by_role("combobox", name=re.compile(r"^Gezin")), label="Gezin Jansen")

    search = page.get_by_role("combobox", name="Zoek een signaal")
    taps.fill(search, "hon")
    first = page.locator("#category-matches").get_by_role("option").first
    expect(first).to_contain_text("Vaak honger of geen eten bij zich")
    taps.click(first)
    expect(page.get_by_label("Wat zie je?")).to_have_value("hunger")
    expect(page.locator("[data-help-inline]")).to_be_visible()
    taps.check(page.get_by_label("2 · zorg"))
    taps.fill(page.get_by_label("Wat heb je gezien of gehoord?"), "Kwam zonder ontbijt.")
    shoot("observation_form_phone", docs=True, target=page)
    taps.click(page.get_by_role("button", name="Opslaan"))
    expect(page.get_by_role("status").first).to_contain_text("Het signaal is vastgelegd")
    line = taps.report("telefoon: signaal vastleggen met drie letters van de categorie")
    assert taps.keys == len("hon") + len("Kwam zonder ontbijt."), line
    assert taps.clicks <= 8, line


def test_keyboard_chooses_from_the_type_ahead(page, live_server, world):
    family = world["families"]["Gezin Jansen"]
    login(page, live_server, "alice")
    page.goto(f"{live_server.url}/signalen/gezin/{family.public_id}/vastleggen/")
    search = page.get_by_role("combobox", name="Zoek een signaal")
    expect(search).to_be_focused()  # where the form starts
    search.press_sequentially("schuld")
    expect(search).to_have_attribute("aria-expanded", "true")
    active = page.locator("#" + search.get_attribute("aria-activedescendant"))
    expect(active).to_contain_text(re.compile("schuld", re.I))
    page.keyboard.press("Enter")
    expect(search).to_have_attribute("aria-expanded", "false")
    chosen = page.get_by_label("Wat zie je?").input_value()
    assert chosen  # the select holds the category; the form was not sent
    expect(page.get_by_role("heading", level=1)).to_contain_text("Signaal vastleggen")
    search.fill("spijbelen")  # a synonym, in neither name nor explanation
    matches = page.locator("#category-matches").get_by_role("option")
    expect(matches.first).to_contain_text("Vaak afwezig of te laat op school")
    search.fill("xqzv")
    expect(matches).to_have_count(0)


def test_protective_factor_has_a_strength_and_no_acute_box(phone, live_server, world):
    page = phone
    family = world["families"]["Gezin Jansen"]
    login(page, live_server, "alice")
    page.goto(f"{live_server.url}/signalen/gezin/{family.public_id}/vastleggen/")
    acute_box = page.locator("[data-acute-box]")
    expect(acute_box).to_be_visible()
    page.get_by_role("combobox", name="Zoek een signaal").fill("warme band")
    page.locator("#category-matches").get_by_role("option").first.click()
    expect(page.get_by_label("Wat zie je?")).to_have_value("warm-bond")
    severity = page.get_by_role("group", name=re.compile("^Sterkte"))
    expect(severity).to_be_visible()
    expect(severity).not_to_contain_text("zorg")
    expect(acute_box).to_be_hidden()
    page.get_by_label("3 · sterk").check()
    page.get_by_label("Wat heb je gezien of gehoord?").fill("Moeder troost Noor liefdevol.")
    page.get_by_role("button", name="Opslaan").click()
    timeline = page.locator("ol.timeline")
    expect(timeline).to_contain_text("Warme band tussen ouder en kind")
    expect(timeline).to_contain_text("sterkte: sterk")
    expect(timeline).not_to_contain_text("ernstige zorg")

    # Back to a risk: the words of severity and the acute box return.
    page.goto(f"{live_server.url}/signalen/gezin/{family.public_id}/vastleggen/")
    page.get_by_label("Wat zie je?").select_option(value="warm-bond")
    expect(acute_box).to_be_hidden()
    page.get_by_label("Wat zie je?").select_option(value="hunger")
    expect(page.get_by_role("group", name=re.compile("^Ernst"))).to_be_visible()
    expect(page.get_by_label("3 · ernstige zorg")).to_be_visible()
    expect(acute_box).to_be_visible()


def test_after_an_acute_signal_the_header_says_acuut_with_what_to_do(
    phone, live_server, world, shoot
):
    page = phone
    family = world["families"]["Gezin Visser"]
    login(page, live_server, "alice")
    page.goto(f"{live_server.url}/signalen/gezin/{family.public_id}/vastleggen/")
    page.get_by_label("Wat zie je?").select_option(value="fear-going-home")
    page.get_by_label("3 · ernstige zorg").check()
    page.get_by_label("Wat heb je gezien of gehoord?").fill("Wil niet naar huis, striemen.")
    page.get_by_label("Acuut gevaar: het kind is nu niet veilig").check()
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Gezin Visser")

    page.reload()  # the header itself, not the message of the save
    status = page.get_by_test_id("family-status")
    expect(status).to_have_text("acuut")
    in_first_screen(status)
    guidance = page.get_by_test_id("family-summary").locator("#acute-guidance")
    expect(guidance).to_contain_text("Veilig Thuis: 0800-2000")
    box = guidance.bounding_box()
    assert box["y"] < 2 * PHONE["height"], box
    fits(page)
    height = page.evaluate("document.documentElement.scrollHeight")
    print(f"gezinspagina op 390 px na een acuut signaal: {height} px hoog")
    shoot("family_page_phone", docs=True, target=page)

    # The family's sections fold on a phone and open from the section menu.
    network = page.locator("#network-heading")
    page.get_by_role("navigation", name="Onderdelen van deze pagina").get_by_role(
        "link", name="Netwerk"
    ).click()
    expect(page.get_by_role("link", name="Netwerklid toevoegen")).to_be_visible()
    expect(network).to_be_visible()


def test_chain_partners_are_not_cut_off_on_a_desktop(page, live_server, world):
    from families.models import ChainPartner

    family = world["families"]["Gezin Jansen"]
    ChainPartner.objects.create(
        family=family,
        organisation_name="Jeugdgezondheidszorg Regio Zuid-Holland Zuid",
        contact_person="Marloes van der Heijden-Verschuren",
        contact_details="marloes.vanderheijden-verschuren@jeugdgezondheidszorg.example",
        responsibility="Verantwoordelijkheidsverdeling rond huisbezoeken",
        expectations="Terugkoppeling na elk huisbezoek",
        consent_basis="Toestemming moeder, mondeling",
    )
    login(page, live_server, "alice")
    page.goto(f"{live_server.url}{family.get_absolute_url()}")
    region = page.get_by_role("region", name="Tabel: Ketenpartners")
    expect(region).to_contain_text("Toestemming moeder")
    assert region.evaluate("el => el.scrollWidth <= el.clientWidth + 1")
    expect(
        page.get_by_role("link", name=re.compile("verwijderen Jeugdgezondheidszorg"))
    ).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") == 1280
