"""Nothing sinks away, in a real browser: a question, its answer, and the one who asked
hearing of it (issue 12)."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests.browser.conftest import Counter, login

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.filterwarnings("ignore::pytest.PytestRemovedIn10Warning"),
]

QUESTION = "Noor is al een week erg stil in de klas. Zie jij dat ook?"
ANSWER = "In de kleine groep praat ze gewoon mee; ik denk dat het meevalt."


def nav_link(page, name):
    return page.get_by_role("navigation", name="Hoofdmenu").get_by_role(
        "link", name=re.compile(f"^{name}")
    )


def serious_violations(page):
    results = Axe().run(page)
    return [
        f"{v['id']}: {v['help']}"
        for v in results.response["violations"]
        if v["impact"] in {"serious", "critical"}
    ]


def test_leerkracht_asks_the_ib_who_answers_and_the_leerkracht_reads_it(
    page, live_server, world, shoot
):
    import datetime

    from django.utils import timezone

    from signals import services
    from signals.models import SignalCategory

    people, family = world["people"], world["families"]["Gezin Jansen"]
    services.observation_record(
        family=family,
        category=SignalCategory.objects.get(code="hunger"),
        severity=2,
        observed_on=timezone.localdate() - datetime.timedelta(days=1),
        observer=people["alice"],
        description="Noor had geen ontbijt bij zich.",
    )

    # The leerkracht asks the ib (Annet) to look, about that signal.
    login(page, live_server, "alice")
    ask = Counter(page)
    ask.click(page.get_by_role("link", name="Gezin Jansen"))
    ask.select(page.get_by_label("Wie vraag je?"), label="Annet de Boer")
    ask.select(page.get_by_label("Over welk signaal? (optioneel)"), index=1)
    ask.fill(page.get_by_label("Je vraag"), QUESTION)
    ask.click(page.get_by_role("button", name="Vraag versturen"))
    expect(page.get_by_role("status").first).to_contain_text("Annet de Boer vindt je vraag")
    ask.report("vervolg 1, de leerkracht vraagt de ib mee te kijken")

    # The ib sees the count, reads the question and the signal, and answers.
    page.context.clear_cookies()
    login(page, live_server, "annet")
    answer = Counter(page)
    voor_mij = nav_link(page, "Voor mij")
    expect(voor_mij).to_contain_text("1")
    answer.click(voor_mij)
    card = page.locator("section.card").filter(has_text="Gezin Jansen")
    expect(card).to_contain_text(QUESTION)
    expect(card.get_by_test_id("asked-about")).to_contain_text("Noor had geen ontbijt bij zich.")
    for choice in ("ik herken dit", "ik zie het anders", "advies"):
        expect(card.get_by_label(choice, exact=True)).not_to_be_checked()
    shoot("followup_answer_form")
    answer.check(card.get_by_label("ik zie het anders", exact=True))
    answer.fill(card.get_by_label("Toelichting"), ANSWER)
    answer.click(card.get_by_role("button", name="Antwoorden"))
    expect(page.get_by_text("Geen open verzoeken. Fijn!")).to_be_visible()
    answer.report("vervolg 2, de ib antwoordt 'ik zie het anders'")

    # The leerkracht sees the count, opens it and reads the answer under her question.
    page.context.clear_cookies()
    login(page, live_server, "alice")
    read = Counter(page)
    berichten = nav_link(page, "Berichten")
    expect(berichten).to_contain_text("1")
    read.click(berichten)
    expect(page.get_by_role("heading", level=1)).to_have_text("Berichten")
    item = page.get_by_test_id("unread").get_by_role(
        "button", name="Annet de Boer beantwoordde je vraag over Gezin Jansen."
    )
    expect(item).to_be_visible()
    assert serious_violations(page) == []
    read.click(item)
    expect(page.get_by_role("heading", level=1)).to_have_text("Mijn vragen")
    question = page.get_by_test_id("question").filter(has_text=QUESTION)
    expect(question.get_by_test_id("answer")).to_contain_text("ik zie het anders")
    expect(question.get_by_test_id("answer")).to_contain_text(ANSWER)
    expect(question.get_by_test_id("answer")).to_contain_text("Annet de Boer")
    expect(nav_link(page, "Berichten")).not_to_contain_text("1")
    assert serious_violations(page) == []
    shoot("followup_my_questions", docs=True)
    read.report("vervolg 3, de leerkracht leest het antwoord in 'Mijn vragen'")
    assert read.clicks <= 2

    # And the family's timeline shows the answer under the question.
    page.goto(f"{live_server.url}{family.get_absolute_url()}")
    entry = page.locator("ol.timeline li").filter(has_text=QUESTION)
    expect(entry.get_by_test_id("look-answer")).to_contain_text(ANSWER)


def test_settings_page_is_reachable_and_accessible(page, live_server, world):
    login(page, live_server, "lena")
    page.get_by_role("button", name="Lena de Vries").click()  # the account menu
    page.get_by_role("link", name="Instellingen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Instellingen")
    expect(page.get_by_label("dagelijks")).to_be_checked()  # leads: daily by default
    page.get_by_label("wekelijks").check()
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("status").first).to_contain_text("Je keuze is bewaard.")
    expect(page.get_by_label("wekelijks")).to_be_checked()
    assert serious_violations(page) == []
