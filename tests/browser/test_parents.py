"""Talking with parents (issue 14), in the demo: the intern begeleider prepares a
conversation with the Jansen family (what goes well first), records it with the mother's own
view and two agreements (one hers), prints the summary for her, and the lead's working list
shows the family's concerns as discussed with the parents."""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.conftest import login
from tests.browser.test_accessibility import blocking_violations

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.filterwarnings("ignore::pytest.PytestRemovedIn10Warning"),
]

JANSEN = "Familie Jansen (groep 3)"
MOTHER = "Het is druk sinds oma minder kan helpen. Ik wil het goed doen voor Daan."


def _recent_worry():
    """A worry of last week that was not yet discussed (the demo's are older or discussed)."""
    from django.contrib.auth.models import User

    from families.models import Family
    from signals.models import SignalCategory
    from signals.services import observation_record

    family = Family.objects.get(name=JANSEN)
    return observation_record(
        family=family,
        category=SignalCategory.objects.get(code="hunger", organisation__isnull=True),
        severity=1,
        observed_on=timezone.localdate() - datetime.timedelta(days=6),
        observer=User.objects.get(username="leerkracht"),
        description="Daan had drie ochtenden geen ontbijt op, zei dat er niets in huis was.",
        child=family.children.get(first_name="Daan"),
    )


def _row(page):
    return page.locator("tr[data-family]").filter(has_text=JANSEN)


def test_ib_prepares_records_and_prints_a_conversation_with_the_jansen_family(
    page, live_server, catalogue, shoot, demo
):
    from demo.people import DEMO_PASSWORD

    _recent_worry()

    # The lead's working list before: nothing of the current worry discussed yet.
    login(page, live_server, "lead", password=DEMO_PASSWORD)
    page.goto(f"{live_server.url}/signalen/dashboard/")
    expect(_row(page).get_by_test_id("parents-discussed")).to_contain_text("0 van 1")
    page.get_by_role("button", name="Uitloggen").click()

    login(page, live_server, "ib", password=DEMO_PASSWORD)
    page.get_by_role("link", name=JANSEN).first.click()
    page.get_by_role("link", name="Gesprek met ouders voorbereiden").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Gesprek met ouders voorbereiden")
    problems = {"prepare": blocking_violations(page)}

    # What goes well comes first, then what to raise, each with what you can ask.
    well = page.get_by_test_id("going-well")
    raise_ = page.get_by_test_id("to-raise")
    expect(well).to_contain_text("voorleesboek")
    assert well.bounding_box()["y"] < raise_.bounding_box()["y"]
    expect(raise_).to_contain_text("Wat je kunt vragen")
    expect(page.get_by_test_id("openings")).to_contain_text(
        "Elke ouder loopt wel eens ergens tegenaan"
    )
    raise_.get_by_label("Vaak honger", exact=False).first.check()
    page.get_by_label("Gepland op").fill(timezone.localdate().isoformat())
    page.get_by_role("button", name="Voorbereiding opslaan").click()

    # Record it afterwards: who took part, the mother's own view, the response.
    expect(page.get_by_role("heading", level=1)).to_contain_text("Gesprek met ouders")
    problems["record"] = blocking_violations(page)
    page.get_by_label("ouder(s)").check()
    page.get_by_label("Wie precies").fill("moeder")
    page.get_by_label("Reactie van de ouders").first.fill(
        "Moeder herkent het; de bijstand was laat."
    )
    page.get_by_label("Hoe zien de ouders het? In hun eigen woorden").fill(MOTHER)
    page.get_by_label("Waar willen ze hulp bij?").fill("De boodschappen aan het eind van de maand.")
    # Two agreements: one the mother carries out, one the school.
    for n, (what, who, days) in enumerate(
        (
            ("Moeder vraagt het wijkteam om hulp met de boodschappen.", "moeder", 14),
            ("School meldt Daan aan voor het schoolontbijt.", "Youssef El Amrani", 7),
        )
    ):
        row = page.get_by_test_id("agreement-row").nth(n)
        row.get_by_label("Wat is afgesproken?").fill(what)
        row.get_by_label("Wie doet het?").select_option(label=who)
        row.get_by_label("Uiterlijk op").fill(
            (timezone.localdate() + datetime.timedelta(days=days)).isoformat()
        )
    page.get_by_label("Volgend gesprek").fill(
        (timezone.localdate() + datetime.timedelta(days=28)).isoformat()
    )
    page.get_by_role("button", name="Gesprek vastleggen").click()
    expect(page.get_by_test_id("parents-own-view")).to_have_text(MOTHER)
    agreements = page.get_by_test_id("conversation-agreements")
    expect(agreements).to_contain_text("moeder (volgt op: Youssef El Amrani)")
    expect(agreements).to_contain_text("schoolontbijt")

    # The summary, written for the mother, printed.
    problems["recorded"] = blocking_violations(page)
    page.get_by_role("link", name="Samenvatting voor ouders maken").click()
    problems["summary form"] = blocking_violations(page)
    page.get_by_test_id("noticed-row").first.get_by_role("textbox").fill(
        "Daan had een paar keer geen ontbijt gegeten. Hij had dan honger in de klas."
    )
    page.get_by_test_id("going-well-row").first.get_by_role("textbox").fill(
        "Daan leest graag. Hij vertelt trots over de boeken die u samen haalt."
    )
    page.get_by_role("button", name="Opslaan en bekijken").click()
    summary = page.get_by_test_id("parents-summary")
    expect(summary).to_contain_text("Wat we samen bespraken")
    expect(summary).to_contain_text("geen ontbijt gegeten")
    expect(summary).to_contain_text("Moeder vraagt het wijkteam om hulp met de boodschappen. — u")
    expect(summary).to_contain_text("schoolontbijt. — Youssef El Amrani")
    expect(summary.get_by_test_id("contact")).to_contain_text("Youssef El Amrani")
    expect(summary).to_contain_text("0800-2000")
    expect(summary).not_to_contain_text(MOTHER)  # their view stays in the file
    shoot("parents_summary", docs=True)
    problems["summary"] = blocking_violations(page)
    assert not any(problems.values()), problems
    page.emulate_media(media="print")
    pdf = page.pdf(format="A4", prefer_css_page_size=True)
    assert len(re.findall(rb"/Type\s*/Page[^s]", pdf)) == 1, "the summary fits one A4 page"
    page.emulate_media(media="screen")

    # The family page shows the conversation on the timeline, the lead's working list
    # shows the worry as discussed.
    page.goto(f"{live_server.url}/gezinnen/")
    page.get_by_role("link", name=JANSEN).first.click()
    expect(page.locator("ol.timeline")).to_contain_text("Gesprek met ouders gevoerd")
    expect(page.get_by_test_id("parents-coverage")).to_contain_text("1 van 1")
    page.get_by_role("button", name="Uitloggen").click()
    login(page, live_server, "lead", password=DEMO_PASSWORD)
    page.goto(f"{live_server.url}/signalen/dashboard/")
    expect(_row(page).get_by_test_id("parents-discussed")).to_contain_text("1 van 1")
