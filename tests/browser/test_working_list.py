"""The demo's lead on a Monday, at 1280 px and on a 390 px phone: sees at the top how many
families wait and why each one is there, clears the acute family only through the
afwegingskader (reporting to Veilig Thuis), ends the review with two agreements for named
colleagues, and the mother's LVB (vraagstuk 2) still counts. A colleague then finds her
agreement on her start page."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.conftest import login

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.filterwarnings("ignore::pytest.PytestRemovedIn10Warning"),
]

SIZES = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}
ACUTE = "Gezin R. (groep 6)"


def row(page, name):
    return page.get_by_test_id("dashboard-table").locator("tr[data-family]").filter(has_text=name)


def fits(page, width):
    # Nothing sticks out sideways: no part of a row is cut off on the phone.
    assert page.evaluate("document.documentElement.scrollWidth") <= width


@pytest.mark.parametrize("size", list(SIZES))
def test_the_lead_works_through_the_list(
    browser, browser_context_args, live_server, demo, shoot, size
):
    viewport = SIZES[size]
    phone = size == "phone"
    context = browser.new_context(
        **{**browser_context_args, "viewport": viewport},
        **({"is_mobile": True, "has_touch": True} if phone else {}),
    )
    page = context.new_page()
    try:
        _journey(page, live_server, demo, shoot, size, viewport["width"])
    finally:
        context.close()


def _journey(page, live_server, password, shoot, size, width):
    today = timezone.localdate()
    login(page, live_server, "lead", password=password)

    # At the top: how many, by section.
    expect(page.get_by_role("heading", level=1)).to_have_text("Werklijst")
    counts = page.get_by_test_id("worklist-counts")
    for text in ("1 acuut", "5 wachten op jou", "2 gevolgd", "13 gezinnen"):
        expect(counts).to_contain_text(text)
    # And why each one is there.
    expect(row(page, ACUTE)).to_contain_text("Weegt het zwaarst: Bang om naar huis te gaan")
    expect(row(page, "Familie De Boer")).to_contain_text("nog nooit beoordeeld")
    visser = row(page, "Familie Visser")
    expect(visser).to_contain_text("afspraak te laat")
    expect(visser).to_contain_text("nieuw risico sinds laatste beoordeling")
    expect(visser).to_contain_text("Youssef El Amrani")  # the contact person
    expect(visser).to_contain_text("hulp georganiseerd")  # the last decision
    jansen = row(page, "Familie Jansen")
    expect(jansen).to_contain_text("Verstandelijke beperking bij ouder (blijvend)")
    expect(page.locator("tbody[data-section]")).to_have_count(4)
    fits(page, width)
    shoot(f"working_list_{size}", target=page, docs=size == "desktop")

    # The acute family: its review, first without the afwegingskader.
    page.get_by_role("link", name=f"waarom? {ACUTE}").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(ACUTE)
    page.get_by_role("link", name="Beoordeling vastleggen").click()
    expect(page.get_by_test_id("walk-required")).to_contain_text("heft een acuut signaal op")
    page.get_by_label("Besluit").select_option(label="gesprek met ouders")
    page.get_by_label("Onderbouwing").fill("Eerst met vader praten.")
    page.get_by_role("button", name="Beoordeling opslaan").click()
    expect(page.locator(".invalid-feedback").first).to_contain_text("heft een acuut signaal op")

    # Now through the afwegingskader: unsafety stops the walk at question 2.
    steps = page.locator("[data-step]")
    steps.nth(0).get_by_label("ja", exact=True).check()
    steps.nth(0).get_by_label("Toelichting").fill(
        "Striemen op de arm en bang om naar huis te gaan."
    )
    expect(page.get_by_test_id("q2-help")).to_contain_text("Structureel")
    steps.nth(1).get_by_label("ja", exact=True).check()
    steps.nth(1).get_by_label("Toelichting").fill("Acute onveiligheid: letsel en angst.")
    expect(page.locator("[data-stop-message]")).to_be_visible()
    expect(steps.nth(2)).to_be_hidden()
    expect(page.get_by_label("Besluit")).to_have_value("report_vt")
    expect(page.get_by_label("Gemeld bij Veilig Thuis op")).to_have_value(today.isoformat())
    page.get_by_label("Kenmerk van Veilig Thuis").fill("VT-2026-0417")
    page.get_by_label("Onderbouwing").fill(
        "Gemeld bij Veilig Thuis na overleg; vader wordt niet vooraf ingelicht."
    )
    page.get_by_label("Volgende beoordeling op").fill(
        (today + datetime.timedelta(days=7)).isoformat()
    )
    # Two agreements, for named colleagues.
    for n, (what, who, days) in enumerate(
        (
            ("Elke ochtend even contact met R. bij binnenkomst", "Sanne Bakker", 7),
            ("Met Veilig Thuis afstemmen wie moeder spreekt", "Youssef El Amrani", 3),
        ),
        start=1,
    ):
        agreement = page.locator(f'[data-agreement-row="{n}"]')
        agreement.get_by_label("Wat is afgesproken?").fill(what)
        agreement.get_by_label("Wie").select_option(label=_option(agreement, who))
        agreement.get_by_label("Uiterlijk op").fill(
            (today + datetime.timedelta(days=days)).isoformat()
        )
    fits(page, width)
    shoot(f"review_with_agreements_{size}", target=page)
    page.get_by_role("button", name="Beoordeling opslaan").click()
    expect(page.get_by_role("status").first).to_contain_text("De beoordeling is vastgelegd.")

    # Back on the list: nothing acute; the reported family is followed, awaiting Veilig Thuis.
    page.goto(f"{live_server.url}/signalen/dashboard/")
    counts = page.get_by_test_id("worklist-counts")
    expect(counts).to_contain_text("0 acuut")
    reported = row(page, ACUTE)
    expect(reported).to_contain_text("wacht op reactie")
    expect(reported).to_contain_text("melden bij Veilig Thuis")
    expect(page.locator('tbody[data-section="followed"]')).to_contain_text(ACUTE)

    # The mother's LVB, logged over a year ago, still counts in full.
    page.get_by_role("link", name="waarom? Familie Jansen (groep 3)").click()
    lvb = page.get_by_test_id("seen").locator("li").filter(has_text="Verstandelijke beperking")
    expect(lvb.get_by_test_id("counts-as")).to_have_text(
        "blijvend: telt volledig tot het voorbij is"
    )
    fits(page, width)

    # Sanne finds the agreement on her start page.
    page.context.clear_cookies()
    login(page, live_server, "leerkracht", password=password)
    expect(page.get_by_test_id("my-agreements")).to_contain_text(
        "Elke ochtend even contact met R. bij binnenkomst"
    )
    fits(page, width)


def _option(agreement, name):
    """The label of the owner's option (name and job title)."""
    labels = agreement.get_by_label("Wie").locator("option").all_inner_texts()
    return next(label for label in labels if label.startswith(name))
