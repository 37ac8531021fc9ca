"""Learning together (issue 20), in the demo: the intern begeleider prepares a consultation
with two families, the vignettes name no one (checked against every family, child and
network member name of the demo and every demo person), records advice for one family, and
the advice is in that family's file; the family that improved (Familie Smits) shows its
approved "wat werkte" item on the team's page and on its category's catalogue page."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import login
from tests.browser.test_accessibility import blocking_violations

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.filterwarnings("ignore::pytest.PytestRemovedIn10Warning"),
]

SMITS = "Familie Smits (groep 5)"
HOEKSTRA = "Familie Hoekstra (groep 7)"
ADVICE = "Plan een gesprek met de ouder over de ziekenhuisdagen en vraag wie kan helpen."


def demo_names():
    """Every name word of the demo: families, children, network members, people."""
    from django.contrib.auth.models import User

    from families.models import ChainPartner, Child, Family, NetworkMember
    from learning.names import name_words

    names = list(Family.objects.values_list("name", flat=True))
    for first, last in Child.objects.values_list("first_name", "last_name"):
        names += [first, last]
    names += NetworkMember.objects.values_list("name", flat=True)
    names += ChainPartner.objects.values_list("contact_person", flat=True)
    for first, last in User.objects.values_list("first_name", "last_name"):
        names += [first, last]
    return name_words(*names)


def assert_no_names(text, names):
    from learning.names import names_in

    found = names_in(text, names)
    assert not found, f"names on an anonymised page: {found}"


def test_ib_prepares_a_consultation_and_the_team_sees_what_worked(
    page, live_server, catalogue, shoot, demo
):
    from demo.people import DEMO_PASSWORD

    names = demo_names()
    assert {"smits", "hoekstra", "tess", "bram", "youssef"} <= names

    login(page, live_server, "ib", password=DEMO_PASSWORD)
    page.get_by_role("button", name="Samen leren").click()
    page.get_by_role("link", name="Casusoverleg").click()
    page.get_by_role("link", name="Overleg voorbereiden").click()
    page.get_by_label("Titel").fill("Casusoverleg december")
    page.get_by_label("Agenda").fill("Opening\nWat werkte deze maand")
    page.get_by_label(re.compile(re.escape(SMITS))).check()
    page.get_by_label(re.compile(re.escape(HOEKSTRA))).check()
    page.get_by_role("button", name="Casussen maken").click()
    expect(page.get_by_test_id("vignette")).to_have_count(2)
    problems = {"consultation": blocking_violations(page)}

    # The vignettes (and the whole page but the ib's own name in the menu) name no one.
    main = page.locator("main").inner_text()
    assert_no_names(main, names)
    first = page.get_by_test_id("vignette").first
    expect(first).to_contain_text("4-12 jaar")
    expect(first).to_contain_text("Wat goed gaat")
    shoot("learning_vignette", docs=True)

    # A sentence that names a child is refused, with the name it found.
    first.get_by_text("Eigen zinnen toevoegen").click()
    first.get_by_label("Eigen zinnen").fill("Tess wordt opgevangen door een buurman.")
    first.get_by_label("Ik heb elke zin nagelezen").check()
    first.get_by_role("button", name=re.compile("Zinnen opslaan")).click()
    expect(page.locator(".alert-danger").first).to_contain_text("tess")

    # The printed agenda names no one either.
    page.get_by_role("link", name="Agenda afdrukken").click()
    expect(page.get_by_test_id("agenda")).to_contain_text("Casus 2")
    assert_no_names(page.locator("main").inner_text(), names)
    page.go_back()

    # Advice for the first family (Smits: the order of the working list puts it first or
    # second; find the vignette whose way back leads to Smits).
    vignette = page.get_by_test_id("vignette").first
    family_url = vignette.get_by_test_id("vignette-family").get_attribute("href")
    vignette.get_by_role("link", name=re.compile("Uitkomst vastleggen")).click()
    page.get_by_label("Advies van het overleg").fill(ADVICE)
    page.get_by_label("Wie volgt op").select_option(
        label="Youssef El Amrani (Intern begeleider onderbouw)"
    )
    page.get_by_role("button", name="Uitkomst opslaan").click()
    expect(page.get_by_test_id("vignette-advice").first).to_contain_text(ADVICE)

    # It is in that family's file, as one entry.
    page.goto(f"{live_server.url}{family_url}")
    expect(page.get_by_test_id("consultation-outcome")).to_have_count(1)
    expect(page.get_by_test_id("consultation-outcome")).to_contain_text(ADVICE)
    page.get_by_role("button", name="Uitloggen").click()

    # The team's page: the leerkracht (not in the Smits team) sees the approved item.
    login(page, live_server, "leerkracht", password=DEMO_PASSWORD)
    page.goto(f"{live_server.url}/samen-leren/wat-werkte/")
    items = page.get_by_test_id("what-worked-item")
    expect(items).to_have_count(1)
    expect(items.first).to_contain_text("vast aanspreekpunt op school")
    # The team's part names no one; above it, only her own invitation names its family
    # (Familie Mulder, whose contact person she is: she reads that file).
    assert_no_names(page.get_by_test_id("what-worked-list").inner_text(), names)
    assert_no_names(page.get_by_role("search").inner_text(), names)
    expect(page.get_by_test_id("my-invitations")).to_contain_text("Familie Mulder")
    problems["what_worked"] = blocking_violations(page)
    shoot("learning_what_worked", docs=True)
    # Search by category and age band.
    page.get_by_label("Signaal").select_option(label="Steunend netwerk rond het gezin")
    page.get_by_label("Leeftijdsgroep").select_option(value="12-18")
    page.get_by_role("button", name="Zoeken").click()
    expect(items).to_have_count(0)
    page.get_by_label("Leeftijdsgroep").select_option(value="4-12")
    page.get_by_role("button", name="Zoeken").click()
    expect(items).to_have_count(1)

    # Its category's catalogue page shows it too.
    items.first.get_by_role("link", name="Steunend netwerk rond het gezin").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Steunend netwerk rond het gezin")
    expect(page.get_by_test_id("category-what-worked")).to_contain_text(
        "vast aanspreekpunt op school"
    )
    problems["category"] = blocking_violations(page)

    # On a phone the menu folds away; Samen leren is in it.
    page.set_viewport_size({"width": 390, "height": 844})
    page.get_by_role("button", name="Menu openen").click()
    page.get_by_role("button", name="Samen leren").click()
    page.get_by_role("link", name="Casusoverleg").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Casusoverleg")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert not any(problems.values()), problems
