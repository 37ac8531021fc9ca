"""The match in a real browser: a school and a consultatiebureau of one region both say "wij
zijn betrokken" for the same child, with the parents informed. Each then sees only *that*
the other is involved and how to reach its contact person; with the parents' consent on both
sides, the counts per domain and the pile-up across organisations; withdrawn, gone again.
What must not cross (the other's family name, descriptions, category names) is looked for
on every page the other side sees."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.conftest import login

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.filterwarnings("ignore::pytest.PytestRemovedIn10Warning"),
]

KEY = "browser-match-key-0123456789abcdef-0123456789"
# What the school holds and the consultatiebureau must never read, and the other way round.
SCHOOL_ONLY = (
    "Gezin Jansen",
    "Noor komt zonder ontbijt en eten naar school.",
    "Moeder staat er alleen voor sinds de scheiding.",
    "Vaak honger of geen eten bij zich",
    "Alleenstaande ouder met weinig steun",
)
# What the school shares once the parents consented on both sides: an agreement of a review,
# and one entry its author ticked "delen met ketenpartners".
SCHOOL_SHARES = (
    "Gesprek met moeder over het ontbijt",
    "Noor vraagt de juf om hulp als het thuis druk is.",
)
CB_ONLY = (
    "Gezin N.J.",
    "Vocht en schimmel in de slaapkamer.",
    "Derde verhuizing dit jaar.",
    "Slechte of te kleine woning",
    "Vaak verhuizen",
)


@pytest.fixture
def region_world(world, settings):
    """De Regenboog (alice: Noor's contact person) and Consultatiebureau Zuid (ingrid: lead and
    contact person of her own file on the same child, typed differently) in one region; the
    consultatiebureau takes part, the school's lead still has to opt in."""
    from collaboration.services import region_add, region_create, region_opt_in
    from families.services import family_update
    from organisations.models import Membership, Role
    from signals import services
    from signals.models import SignalCategory
    from tests.factories import (
        ChildFactory,
        FamilyFactory,
        MembershipFactory,
        OrganisationFactory,
        UserFactory,
    )

    settings.STAP0_MATCH_KEY = KEY
    org_a, people = world["org_a"], world["people"]
    cb = OrganisationFactory(name="Consultatiebureau Zuid")
    ingrid = UserFactory(username="ingrid", first_name="Ingrid", last_name="Mulder")
    MembershipFactory(user=ingrid, organisation=cb, role=Role.LEAD)
    region = region_create(name="Gemeente Zuidstad")
    region_add(region=region, organisation=org_a)
    region_add(region=region, organisation=cb)
    region_opt_in(organisation=cb, lead=ingrid, take_part=True)

    today = timezone.localdate()
    jansen = world["families"]["Gezin Jansen"]
    noor = jansen.children.get()
    noor.last_name = "Jansen"
    noor.save()
    family_update(
        family=jansen,
        contact_person=Membership.objects.get(user=people["alice"], organisation=org_a),
    )
    cb_family = FamilyFactory(organisation=cb, name="Gezin N.J.", team=[ingrid])
    cb_noor = ChildFactory(
        family=cb_family, first_name="NOOR", last_name="jansen", birth_date=noor.birth_date
    )
    family_update(
        family=cb_family, contact_person=Membership.objects.get(user=ingrid, organisation=cb)
    )

    def observe(family, child, code, text, observer, **flags):
        services.observation_record(
            family=family,
            child=child,
            category=SignalCategory.objects.get(code=code),
            severity=1,
            observed_on=today - datetime.timedelta(days=4),
            observer=observer,
            description=text,
            **flags,
        )

    # Two risk categories on each side: neither file crosses the threshold of four alone.
    observe(jansen, noor, "hunger", SCHOOL_ONLY[1], people["alice"])
    observe(jansen, None, "family-single-parent", SCHOOL_ONLY[2], people["alice"])
    observe(cb_family, cb_noor, "env-poor-housing", CB_ONLY[1], ingrid)
    observe(cb_family, None, "env-frequent-moves", CB_ONLY[2], ingrid)
    observe(
        jansen, noor, "trusted-adult", SCHOOL_SHARES[1], people["alice"], shared_with_partners=True
    )
    services.review_record(
        family=jansen,
        lead=people["lena"],
        decision="talk_parents",
        rationale="Eerst met moeder praten.",
        agreements=[
            {
                "what": SCHOOL_SHARES[0],
                "owner": Membership.objects.get(user=people["alice"], organisation=org_a),
                "due_on": today + datetime.timedelta(days=14),
            }
        ],
    )
    return {"jansen": jansen, "noor": noor, "cb_family": cb_family, "cb_noor": cb_noor}


def _switch_to(page, live_server, username):
    page.context.clear_cookies()
    login(page, live_server, username)


def _nothing_of(page, secrets):
    body = page.locator("body").inner_text()
    assert [s for s in secrets if s in body] == [], page.url


def _raise_signal(page, live_server, family, first_name):
    page.goto(f"{live_server.url}{family.get_absolute_url()}")
    page.get_by_role("link", name=f"Samenwerken rond {first_name}").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Samenwerken rond {first_name}")
    page.get_by_label("De ouders zijn geïnformeerd dat wij dit melden").check()
    page.get_by_label("Geïnformeerd op").fill(timezone.localdate().isoformat())
    page.get_by_role("button", name="Betrokkenheid melden").click()
    expect(page.get_by_role("status").first).to_contain_text("De betrokkenheid is gemeld")


def _consent(page, scope):
    page.get_by_label("Toestemming gegeven op").fill(timezone.localdate().isoformat())
    page.get_by_label("Waarvoor").select_option(label=scope)
    page.get_by_role("button", name="Toestemming vastleggen").click()
    expect(page.get_by_role("status").first).to_contain_text("De toestemming is vastgelegd")


def test_two_organisations_find_each_other_share_with_consent_and_stop(
    page, live_server, world, region_world, shoot
):
    jansen, cb_family = region_world["jansen"], region_world["cb_family"]

    # The school's lead opts in on Samenwerken.
    login(page, live_server, "lena")
    page.goto(f"{live_server.url}/samenwerken/")
    expect(page.get_by_role("main")).to_contain_text("Gemeente Zuidstad")
    page.get_by_label("Mijn organisatie doet mee in de regio").check()
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("main")).to_contain_text("Je organisatie doet mee.")
    expect(page.get_by_role("main")).to_contain_text("Consultatiebureau Zuid")

    # The school's contact person says "wij zijn betrokken": nobody else yet.
    _switch_to(page, live_server, "alice")
    _raise_signal(page, live_server, jansen, "Noor")
    expect(page.get_by_role("main")).not_to_contain_text("Ook betrokken")

    # The consultatiebureau does the same for its Noor: at once, who else is involved.
    _switch_to(page, live_server, "ingrid")
    _raise_signal(page, live_server, cb_family, "NOOR")
    other = page.locator("section.card").filter(has_text="Ook betrokken")
    expect(other).to_contain_text(
        "Basisschool De Regenboog, contactpersoon Alice Bakker, alice@example.invalid"
    )
    expect(other).to_contain_text("Nog geen toestemming van de ouders vastgelegd.")
    _nothing_of(page, SCHOOL_ONLY + SCHOOL_SHARES)
    page.goto(f"{live_server.url}/berichten/")
    expect(page.get_by_role("main")).to_contain_text(
        "Bij Gezin N.J. ook betrokken: Basisschool De Regenboog, contactpersoon Alice Bakker"
    )
    _nothing_of(page, SCHOOL_ONLY)
    page.goto(f"{live_server.url}{cb_family.get_absolute_url()}")
    panel = page.locator("section", has=page.locator("#panel-collaboration"))
    expect(panel).to_contain_text("Ook betrokken (NOOR): Basisschool De Regenboog")
    expect(panel).not_to_contain_text("Stapeling over organisaties heen")
    _nothing_of(page, SCHOOL_ONLY[:3])  # the page's own form lists the catalogue
    shoot("match_ook_betrokken")

    # The school hears the same, and sees nothing of the consultatiebureau's file either.
    _switch_to(page, live_server, "alice")
    page.goto(f"{live_server.url}/berichten/")
    expect(page.get_by_role("main")).to_contain_text(
        "Bij Gezin Jansen ook betrokken: Consultatiebureau Zuid, contactpersoon Ingrid Mulder"
    )
    page.goto(f"{live_server.url}{jansen.get_absolute_url()}")
    _nothing_of(page, CB_ONLY[:3])
    # With the parents' consent for the wider scope, recorded on the school's side only:
    # nothing more crosses yet.
    page.get_by_role("link", name="Samenwerken rond Noor").click()
    _consent(page, "ook zorgen per domein")
    expect(page.get_by_role("main")).not_to_contain_text("Actuele risico-observaties")
    _nothing_of(page, CB_ONLY)
    _switch_to(page, live_server, "ingrid")
    page.goto(f"{live_server.url}/samenwerken/kind/{region_world['cb_noor'].public_id}/")
    _nothing_of(page, SCHOOL_ONLY + SCHOOL_SHARES)  # one side's consent is not enough

    # The consultatiebureau records the parents' consent too: the shared view.
    cb_child_page = f"{live_server.url}/samenwerken/kind/{region_world['cb_noor'].public_id}/"
    page.goto(cb_child_page)
    expect(page.get_by_role("main")).to_contain_text(
        "De andere organisatie legde ook toestemming vast."
    )
    _consent(page, "ook zorgen per domein")
    shared = page.locator("section.card").filter(has_text="Ook betrokken")
    # Per domain the number of current risk observations, never what or by whom.
    expect(shared).to_contain_text(
        "Actuele risico-observaties bij de andere organisatie, per domein: gezin: 1, kind: 1"
    )
    # The school's agreements (what, who, by when) and the entry its author chose to share.
    expect(shared.get_by_test_id("shared-agreements")).to_contain_text(
        f"{SCHOOL_SHARES[0]} — Alice Bakker"
    )
    expect(shared.get_by_test_id("shared-entries")).to_contain_text(SCHOOL_SHARES[1])
    expect(shared.get_by_test_id("shared-entries")).to_contain_text(
        "Kind heeft een vertrouwde volwassene"
    )
    _nothing_of(page, SCHOOL_ONLY)
    page.goto(f"{live_server.url}{cb_family.get_absolute_url()}")
    panel = page.locator("section", has=page.locator("#panel-collaboration"))
    # The pile-up across organisations: four categories together, over the threshold.
    expect(panel).to_contain_text(
        "Stapeling over organisaties heen: 4 verschillende risicocategorieën samen "
        "(Basisschool De Regenboog). Samen gaat het beeld over de drempel voor stapeling."
    )
    expect(panel).not_to_contain_text("Vaak honger")
    expect(panel).not_to_contain_text("Alleenstaande ouder")
    _nothing_of(page, SCHOOL_ONLY[:3])
    shoot("match_stapeling_over_organisaties")

    # The school withdraws its consent: the consultatiebureau sees it gone at once.
    _switch_to(page, live_server, "alice")
    page.goto(f"{live_server.url}/samenwerken/kind/{region_world['noor'].public_id}/")
    expect(page.get_by_role("main")).to_contain_text("per domein: omgeving: 2")
    _nothing_of(page, CB_ONLY)
    page.get_by_role("button", name="Toestemming intrekken").click()
    expect(page.get_by_role("status").first).to_contain_text("De toestemming is ingetrokken.")
    _switch_to(page, live_server, "ingrid")
    page.goto(f"{live_server.url}{cb_family.get_absolute_url()}")
    panel = page.locator("section", has=page.locator("#panel-collaboration"))
    expect(panel).to_contain_text("Ook betrokken (NOOR): Basisschool De Regenboog")
    expect(panel).not_to_contain_text("Stapeling over organisaties heen")
    _nothing_of(page, SCHOOL_SHARES)
    page.goto(cb_child_page)
    expect(page.get_by_role("main")).not_to_contain_text("Actuele risico-observaties")
    _nothing_of(page, SCHOOL_SHARES)
