"""axe-core on the main pages (no serious or critical violations) and journey 1 by keyboard only."""

import re

import pytest
from axe_playwright_python.base import AxeResults
from axe_playwright_python.sync_playwright import DEFAULT_OPTIONS, Axe
from playwright.sync_api import expect

from tests.browser.conftest import Counter, login, risk_history

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.filterwarnings("ignore::pytest.PytestRemovedIn10Warning"),
]


class OncePerDocumentAxe(Axe):
    """axe-core, its 570 kB script sent into a document once rather than before every run
    (the every-page walk runs it twice on each page, at 1280 and at 390 px; issue 17). The
    run itself is the library's: the same rules, the same options, the same violations. Only
    the violations come back from the browser: the tests read nothing else, and the passes,
    incomplete and inapplicable rules (about 50 kB a run) were sent to Python for nothing."""

    def run(self, page, context=None, options=DEFAULT_OPTIONS):
        if not page.evaluate("() => typeof window.axe?.run === 'function'"):
            page.evaluate(self.axe_script)
        args = self._format_script_args(context=context, options=options)
        return AxeResults(
            page.evaluate(f"axe.run({args}).then(results => ({{violations: results.violations}}))")
        )


AXE = OncePerDocumentAxe()
BLOCKING = {"serious", "critical"}


def blocking_violations(page):
    results = AXE.run(page)
    found = []
    for violation in results.response["violations"]:
        if violation["impact"] in BLOCKING:
            targets = [", ".join(node["target"]) for node in violation["nodes"][:3]]
            found.append(
                f"{violation['id']} ({violation['impact']}): {violation['help']} {targets}"
            )
    return found


def test_main_pages_have_no_serious_accessibility_violations(page, live_server, world):
    family = world["families"]["Gezin Jansen"]
    risk_history(world)  # the dashboard with statuses, markers and trend lines
    problems = {}

    page.goto(f"{live_server.url}/inloggen/")
    problems["login"] = blocking_violations(page)

    login(page, live_server, "alice")
    pages = {
        "family list": "/gezinnen/",
        "family page": family.get_absolute_url(),
        "observation form": f"/signalen/gezin/{family.public_id}/vastleggen/",
        "catalogue": "/signalen/signalenlijst/",
    }
    for name, path in pages.items():
        response = page.goto(f"{live_server.url}{path}")
        assert response.status == 200, name
        if name == "observation form":
            page.get_by_label("Wat zie je?").select_option(value="hunger")  # help box filled
        problems[name] = blocking_violations(page)

    page.get_by_role("button", name="Uitloggen").click()
    login(page, live_server, "lena")
    piled_up = world["families"]["Gezin El Amrani"]
    for name, path in {
        "dashboard": "/signalen/dashboard/",
        "explanation": f"/signalen/dashboard/gezin/{piled_up.public_id}/",
        "review form": f"/signalen/gezin/{piled_up.public_id}/beoordelen/",
    }.items():
        response = page.goto(f"{live_server.url}{path}")
        assert response.status == 200, name
        problems[name] = blocking_violations(page)

    failing = {name: found for name, found in problems.items() if found}
    report = "\n".join(f"{name}: {line}" for name, found in failing.items() for line in found)
    assert not failing, "axe-core, serious or critical:\n" + report


def tab_to(page, counter, matches, limit=60):
    """Press Tab until the focused element matches the JS predicate (keyboard only)."""
    for _ in range(limit):
        counter.press("Tab")
        if page.evaluate(f"(el => {matches})(document.activeElement)"):
            return
    raise AssertionError(f"Tab never reached: {matches}")


def test_journey_1_by_keyboard_only(page, live_server, world):
    """Tab, Enter, arrows and typing: no mouse at all, from the login to the timeline."""
    keys = Counter(page)
    page.goto(f"{live_server.url}/inloggen/")
    tab_to(page, keys, "el.name === 'username'")
    keys.type(page.locator(":focus"), "alice")
    tab_to(page, keys, "el.name === 'password'")
    from tests.factories import PASSWORD

    keys.type(page.locator(":focus"), PASSWORD)
    keys.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Gezinnen van Basisschool De Regenboog"
    )

    tab_to(page, keys, "el.tagName === 'A' && el.textContent.trim() === 'Gezin Jansen'")
    keys.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Gezin Jansen")

    tab_to(
        page,
        keys,
        "el.tagName === 'A' && el.closest('main')"
        " && el.textContent.trim() === 'Signaal vastleggen'",
    )
    keys.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Signaal vastleggen")

    # The category's search box has the focus: three letters and Enter choose the category.
    category = page.get_by_label("Wat zie je?")
    expect(page.get_by_role("combobox", name="Zoek een signaal")).to_be_focused()
    keys.type(page.locator(":focus"), "hon")
    keys.press("Enter")
    assert category.input_value() == "hunger"
    expect(page.locator("#category-help-box")).to_contain_text("Vaak honger of geen eten bij zich")

    tab_to(page, keys, "el.name === 'severity'")
    keys.press("ArrowDown")  # from 1 to 2 (arrows select within a radio group)
    expect(page.get_by_label("2 · zorg")).to_be_checked()
    tab_to(page, keys, "el.name === 'description'")
    text = "Kwam zonder ontbijt."
    keys.type(page.locator(":focus"), text)
    tab_to(page, keys, "el.tagName === 'BUTTON' && el.textContent.trim() === 'Opslaan'")
    keys.press("Enter")

    expect(page.get_by_role("heading", level=1)).to_have_text("Gezin Jansen")
    expect(page.locator("ol.timeline")).to_contain_text(text)
    expect(page.locator("ol.timeline")).to_contain_text(re.compile("Vaak honger"))
    keys.report("reis 1 met alleen het toetsenbord (inloggen tot tijdlijn)")
    assert keys.clicks == 0
