"""A small world of organisation A's case objects, for the matrix and fuzz tests.

Built with the models directly (the services are other issues' contracts and
tested there), so that every URL pattern has a real object to name.
"""

import datetime
import uuid
from dataclasses import dataclass

from django.utils import timezone

from families.models import ChainPartner, Child, Family, NetworkMember, PupilImport
from organisations.models import Invitation, Membership
from signals.models import (
    Agreement,
    ColleagueNote,
    LookRequest,
    Observation,
    Review,
    SignalCategory,
)

FAMILY_NAME = "Gezin Zeldzaamnaam-A"


@dataclass
class World:
    family: Family
    child: Child
    member: NetworkMember
    partner: ChainPartner
    observation: Observation
    amendment: Observation
    note: ColleagueNote
    look_request: LookRequest
    review: Review
    agreement: Agreement
    membership: Membership
    category: SignalCategory
    invitation: Invitation
    pupil_import: PupilImport


def build_world(org_a, professional_a, lead_a):
    family = Family.objects.create(organisation=org_a, name=FAMILY_NAME, created_by=professional_a)
    child = Child.objects.create(
        family=family,
        first_name="Kindnaam-A",
        birth_date=timezone.localdate() - datetime.timedelta(days=7 * 365),
    )
    member = NetworkMember.objects.create(family=family, name="Oma-A", relationship="relative")
    partner = ChainPartner.objects.create(
        family=family, organisation_name="Partner-A", responsibility="Huisbezoek"
    )
    category = SignalCategory.objects.filter(kind="risk", organisation__isnull=True).first()
    first_id = uuid.uuid4()
    observation = Observation.objects.create(
        public_id=first_id,
        chain=first_id,
        family=family,
        child=child,
        category=category,
        severity=2,
        observed_on=timezone.localdate(),
        description="Observatietekst-A",
        observer=professional_a,
    )
    amendment = Observation.objects.create(
        chain=first_id,
        amends=observation,
        amend_reason="Correctie-A",
        family=family,
        child=child,
        category=category,
        severity=3,
        observed_on=timezone.localdate(),
        description="Observatietekst-A gecorrigeerd",
        observer=professional_a,
    )
    note = ColleagueNote.objects.create(
        family=family, kind="question", text="Notitie-A", author=professional_a
    )
    look_request = LookRequest.objects.create(
        family=family, requested_by=professional_a, requested_from=lead_a, message="Kijk-A"
    )
    review = Review.objects.create(
        family=family, lead=lead_a, decision="monitor", rationale="Onderbouwing-A"
    )
    membership = Membership.objects.get(user=professional_a, organisation=org_a)
    agreement = Agreement.objects.create(
        review=review,
        family=family,
        what="Afspraak-A",
        owner=membership,
        due_on=timezone.localdate() + datetime.timedelta(days=7),
    )
    now = timezone.now()
    invitation = Invitation.objects.create(
        organisation=org_a,
        email="uitgenodigd-a@example.invalid",
        role="professional",
        token_hash="0" * 64,
        sent_at=now,
        expires_at=now + datetime.timedelta(hours=72),
    )
    pupil_import = PupilImport.objects.create(
        organisation=org_a,
        file_name="klas-a.csv",
        headers=["Roepnaam", "Achternaam", "Geboortedatum"],
        rows=[[2, ["Importkind", "Importnaam", "01-02-2018"], False]],
        mapping={"first_name": 0, "last_name": 1, "birth_date": 2},
    )
    return World(
        family=family,
        child=child,
        member=member,
        partner=partner,
        observation=observation,
        amendment=amendment,
        note=note,
        look_request=look_request,
        review=review,
        agreement=agreement,
        membership=membership,
        category=category,
        invitation=invitation,
        pupil_import=pupil_import,
    )
