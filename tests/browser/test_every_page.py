"""Every page every demo user can reach, at 1280 and at 390 px (issue 19).

For each of the demo's people the walk logs in and follows the links it finds (same site,
GET only, one page per URL shape per person), and on every page checks what a user would
notice first: nothing sticks out sideways (the document's scroll width equals the viewport),
no error in the browser console, and no axe-core violation (of any impact) at either width.
The HTML of every page is kept in tests/browser/pages/ for the Nu validator (`.ci/run`).
"""

import re
from collections import deque
from pathlib import Path
from urllib.parse import urldefrag, urlsplit

import pytest

from tests.browser.conftest import login
from tests.browser.test_accessibility import AXE

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.filterwarnings("ignore::pytest.PytestRemovedIn10Warning"),
]

PAGES = Path(__file__).resolve().parent / "pages"
WIDTHS = (1280, 390)
PEOPLE = ("lead", "leerkracht", "ib", "jeugdarts", "beheer", "speelhuis", "speelhuis_lead", "cb")
# The walk in two halves of about 140 pages each (the page counts of 1 December 2026: lead
# 45, speelhuis_lead 45, cb 42, beheer 8; leerkracht 38, ib 40, jeugdarts 37, speelhuis 38),
# so that `make test-browser BROWSER_XDIST="-n 2 --dist worksteal"` walks them on two
# pytest-xdist workers side by side (issue 17).
PARTS = {
    "1": ("lead", "speelhuis_lead", "cb", "beheer"),
    "2": ("leerkracht", "ib", "jeugdarts", "speelhuis"),
}
# Links that are not pages to look at: leaving, downloads, the admin, static files.
SKIP = re.compile(r"^/(uitloggen|i18n|static|admin|favicon)|/export(/|\.|$)|\.(csv|json|pdf|zip)$")
MAX_PAGES_PER_PERSON = 55
SHAPE = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|\d+")
# A category's page is named by its code (a slug): the pages of two categories look alike.
CATEGORY = re.compile(r"(?<=/signalenlijst/)(?!beheren/)[a-z0-9-]+(?=/)")


def shape(path):
    """One visit per URL shape: the pages of two families look alike."""
    parts = urlsplit(path)
    query = "?" + re.sub(r"=[^&]*", "=", parts.query) if parts.query else ""
    return CATEGORY.sub("*", SHAPE.sub("*", parts.path)) + query


def links(page, origin):
    found = page.eval_on_selector_all(
        "a[href]", "els => els.map(a => a.href).filter(h => h.startsWith(location.origin))"
    )
    for href in found:
        url = urldefrag(href).url
        path = url[len(origin) :]
        if path and not SKIP.search(path):
            yield path


def axe_violations(page):
    """Every axe-core violation, of any impact (the issue asks for 0)."""
    found = []
    for violation in AXE.run(page).response["violations"]:
        targets = [", ".join(node["target"]) for node in violation["nodes"][:3]]
        found.append(f"{violation['id']} ({violation['impact']}): {violation['help']} {targets}")
    return found


def check_page(page, path, problems, axed):
    """The page is loaded at 1280 px; look at it there and at 390 px."""
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900 if width > 400 else 844})
        # Let the page's resize handlers (stap0.js stacks tables) run before measuring.
        page.evaluate("() => new Promise(r => requestAnimationFrame(() => setTimeout(r, 0)))")
        scroll = page.evaluate("document.documentElement.scrollWidth")
        if scroll > width:
            wide = page.evaluate(
                """w => [...document.querySelectorAll('main *, nav *')]
                    .filter(el => el.getBoundingClientRect().right > w + 1)
                    .slice(0, 3).map(el => el.tagName + '.' + el.className)""",
                width,
            )
            problems.append(f"{path} @{width}: {scroll}px wide ({wide})")
        # Nothing cut off inside a table region either (the chain partners' last column).
        clipped = page.evaluate(
            """() => [...document.querySelectorAll('.table-responsive')]
                .filter(el => el.scrollWidth > el.clientWidth + 1)
                .map(el => `${el.getAttribute('aria-label')}: ${el.scrollWidth}px`)"""
        )
        if clipped:
            problems.append(f"{path} @{width}: table cut off: {clipped}")
        key = (shape(path), width)
        if key not in axed:
            axed.add(key)
            for line in axe_violations(page):
                problems.append(f"{path} @{width}: axe {line}")
    page.set_viewport_size({"width": 1280, "height": 900})


def walk(page, live_server, username, problems, axed, seen_html):
    from demo.people import DEMO_PASSWORD

    errors = []
    page.on("console", lambda msg: msg.type == "error" and errors.append(msg.text))
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    login(page, live_server, username, password=DEMO_PASSWORD)
    if "/organisatie/kies/" in page.url:  # in two organisations: choose the first
        page.get_by_role("main").get_by_role("button").first.click()
        page.wait_for_load_state()
    origin = live_server.url
    start = page.url[len(origin) :]
    queue, shapes, visited = deque([start]), set(), 0
    while queue and visited < MAX_PAGES_PER_PERSON:
        path = queue.popleft()
        if shape(path) in shapes:
            continue
        shapes.add(shape(path))
        errors.clear()
        response = page.goto(origin + path)
        visited += 1
        if response is None or response.status >= 400:
            problems.append(f"{username} {path}: status {response and response.status}")
            continue
        if "text/html" not in response.headers.get("content-type", ""):
            continue
        check_page(page, f"{username} {path}", problems, axed)
        for text in errors:
            problems.append(f"{username} {path}: console: {text}")
        # "*" (an id) is kept as "id", so that a list and one of its items keep two files.
        name = re.sub(r"[^a-z0-9]+", "_", shape(path).replace("*", "id").lower()).strip("_")
        name = name or "home"
        if name not in seen_html:  # the first page of each shape (not a copy of each page)
            seen_html[name] = page.content()
        queue.extend(links(page, origin))
    return visited


@pytest.mark.parametrize("part", sorted(PARTS))
def test_every_page_fits_phone_and_desktop_with_a_clean_console(
    browser, browser_context_args, live_server, demo, part
):
    # Every demo person is in exactly one part: together the parts walk everyone.
    assert sorted(p for people in PARTS.values() for p in people) == sorted(PEOPLE)
    problems, axed, seen_html = [], set(), {}
    counts = {}
    for username in PARTS[part]:
        context = browser.new_context(**browser_context_args)  # a fresh login per person
        try:
            page = context.new_page()
            page.set_default_timeout(8_000)
            counts[username] = walk(page, live_server, username, problems, axed, seen_html)
        finally:
            context.close()
    PAGES.mkdir(exist_ok=True)
    for name, html in seen_html.items():
        # Both halves may keep a page of the same shape: write whole files, never a mix.
        temporary = PAGES / f".{name}.{part}.tmp"
        temporary.write_text(html, encoding="utf-8")
        temporary.replace(PAGES / f"{name}.html")
    print(f"pagina's bekeken: {sum(counts.values())} ({counts}); vormen: {len(seen_html)}")
    assert not problems, f"{len(problems)} problems:\n" + "\n".join(problems)
