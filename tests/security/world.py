"""A small world of organisation A's case objects, for the matrix and fuzz tests.

Built with the models directly (the services are other issues' contracts and
tested there), so that every URL pattern has a real object to name.

Need-to-know: the family's team holds professional_a (who created the file) and the
author of a confidential observation and note (anke); otto is a professional outside
the team who asked for access; gijs opened the file with "nu openen".
"""

import datetime
import hashlib
import uuid
from dataclasses import dataclass

from django.utils import timezone

from families.models import (
    AccessRequest,
    ChainPartner,
    Child,
    Family,
    GlassBreak,
    NetworkMember,
    PupilImport,
    TeamMember,
)
from notifications.models import Notification
from organisations.models import Invitation, Membership, Role
from signals.models import (
    Agreement,
    ColleagueNote,
    Conversation,
    CorrectionRequest,
    LookRequest,
    Observation,
    ParentsView,
    RaisedObservation,
    Review,
    SignalCategory,
    SummaryItem,
)
from tests.factories import MembershipFactory, UserFactory

FAMILY_NAME = "Gezin Zeldzaamnaam-A"
# The secret of the invitation's link (the database keeps its SHA-256 only).
INVITATION_TOKEN = "uitnodiging-a-Zk3vQ9mW2pLx7RtY4nBc8JdF6hGs1aEo0uKi5yTr"

# Confidential content: only its author (anke) and the leads read the first two, only the
# leads the third (a confidential review).
CONFIDENTIAL_OBSERVATION = "Onthulling-A"
CONFIDENTIAL_NOTE = "Geheimenotitie-A"
CONFIDENTIAL_REVIEW = "Melding-A"
# An agreement of the confidential review, carried out by anke: she and the leads read it.
CONFIDENTIAL_AGREEMENT = "Geheimeafspraak-A"


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
    notification: Notification
    # need-to-know
    team_member: TeamMember  # anke's place in the team (not the contact person)
    outsider: object  # a professional of A outside the team
    glass: object  # a professional of A who opened the file with "nu openen"
    author: object  # in the team; wrote a confidential observation and note
    confidential_observation: Observation
    confidential_note: ColleagueNote
    confidential_review: Review
    confidential_agreement: Agreement
    access_request: AccessRequest
    glass_break: GlassBreak
    # talking with parents (issue 14)
    conversation: Conversation
    correction_request: CorrectionRequest
    # learning together (issue 20): a consultation of lead A with a vignette of the family,
    # and a "wat werkte" item written by professional A (its story is of the file)
    consultation: object = None
    vignette: object = None
    what_worked: object = None


def _professional(org, username):
    user = UserFactory(username=username, first_name=username.capitalize())
    MembershipFactory(user=user, organisation=org, role=Role.PROFESSIONAL)
    return user


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
        token_hash=hashlib.sha256(INVITATION_TOKEN.encode()).hexdigest(),
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
    notification = Notification.objects.create(
        recipient=professional_a,
        organisation=org_a,
        family=family,
        kind="decision",
        event_key=f"decision:{review.public_id}",
        url=family.get_absolute_url(),
        actor=lead_a,
        detail="blijven volgen",
    )

    # Need-to-know: the team, someone outside it, someone who opened the file, an author.
    TeamMember.objects.create(family=family, user=professional_a, reason="created")
    outsider = _professional(org_a, "otto")
    glass = _professional(org_a, "gijs")
    author = _professional(org_a, "anke")
    team_member = TeamMember.objects.create(family=family, user=author, reason="logged")
    secret_id = uuid.uuid4()
    confidential_observation = Observation.objects.create(
        public_id=secret_id,
        chain=secret_id,
        family=family,
        category=category,
        severity=3,
        observed_on=timezone.localdate(),
        description=CONFIDENTIAL_OBSERVATION,
        confidential=True,
        observer=author,
    )
    confidential_note = ColleagueNote.objects.create(
        family=family, kind="question", text=CONFIDENTIAL_NOTE, author=author, confidential=True
    )
    confidential_review = Review.objects.create(
        family=family,
        lead=lead_a,
        decision="report_vt",
        rationale=CONFIDENTIAL_REVIEW,
        confidential=True,
    )
    confidential_agreement = Agreement.objects.create(
        review=confidential_review,
        family=family,
        what=CONFIDENTIAL_AGREEMENT,
        owner=Membership.objects.get(user=author, organisation=org_a),
        due_on=timezone.localdate() + datetime.timedelta(days=7),
    )
    access_request = AccessRequest.objects.create(
        family=family, requested_by=outsider, reason="Toegangsreden-A"
    )
    glass_break = GlassBreak.objects.create(
        family=family,
        user=glass,
        reason="Noodreden-A",
        expires_at=timezone.now() + datetime.timedelta(hours=24),
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
        notification=notification,
        team_member=team_member,
        outsider=outsider,
        glass=glass,
        author=author,
        confidential_observation=confidential_observation,
        confidential_note=confidential_note,
        confidential_review=confidential_review,
        confidential_agreement=confidential_agreement,
        access_request=access_request,
        glass_break=glass_break,
        **_parents(family, observation, professional_a),
        **_learning(family, lead_a, membership),
    )


def _learning(family, lead_a, membership):
    from learning.models import Consultation, Vignette, WhatWorked
    from learning.vignettes import draft_for

    consultation = Consultation.objects.create(
        organisation=family.organisation,
        title="Overleg-A",
        meets_on=timezone.localdate(),
        prepared_by=lead_a,
    )
    vignette = Vignette.objects.create(
        consultation=consultation,
        family=family,
        draft=draft_for(family, today=timezone.localdate()),
    )
    what_worked = WhatWorked.objects.create(
        organisation=family.organisation,
        family=family,
        reason="help_closed",
        invited=membership,
        status="written",
        story="Watwerkte-A",
        written_at=timezone.now(),
    )
    return {"consultation": consultation, "vignette": vignette, "what_worked": what_worked}


def _parents(family, observation, professional_a):
    """A recorded conversation with the parents (with a summary) and a correction request."""
    conversation = Conversation.objects.create(
        family=family,
        prepared_by=professional_a,
        held_on=timezone.localdate(),
        with_parents=True,
        parents_view="Oudervisie-A",
        recorded_by=professional_a,
        recorded_at=timezone.now(),
    )
    RaisedObservation.objects.create(
        conversation=conversation, chain=observation.chain, observation=observation
    )
    SummaryItem.objects.create(conversation=conversation, kind="noticed", text="Samenvatting-A")
    ParentsView.objects.create(
        chain=observation.chain, family=family, text="Oudervisie-B", recorded_by=professional_a
    )
    correction_request = CorrectionRequest.objects.create(
        family=family,
        kind="correct",
        text="Correctieverzoek-A",
        received_on=timezone.localdate(),
        recorded_by=professional_a,
    )
    return {"conversation": conversation, "correction_request": correction_request}
