"""manage.py create_organisation: a new organisation, its first lead and beheerder invited."""

from io import StringIO

import pytest
from django.core import mail
from django.core.management import CommandError, call_command

from organisations.models import Invitation, Organisation, Role


def _run(*args):
    out = StringIO()
    call_command("create_organisation", *args, stdout=out)
    return out.getvalue()


def test_creates_the_organisation_and_invites_both(db):
    out = _run(
        "Basisschool De Linde", "--lead", "Lead@Linde.example", "--beheerder", "b@linde.example"
    )
    organisation = Organisation.objects.get(name="Basisschool De Linde")
    invitations = {i.email: i.role for i in Invitation.objects.filter(organisation=organisation)}
    assert invitations == {"lead@linde.example": Role.LEAD, "b@linde.example": Role.ADMIN}
    assert sorted(m.to[0] for m in mail.outbox) == ["b@linde.example", "lead@linde.example"]
    assert "aangemaakt" in out and "72 uur" in out
    assert "uitnodiging/" not in out  # the links are for the invitees only


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("  ", "--lead", "a@x.example", "--beheerder", "b@x.example"), "naam"),
        (("X", "--lead", "a@x.example", "--beheerder", "A@x.example"), "twee verschillende"),
        (("X", "--lead", "geen-adres", "--beheerder", "b@x.example"), "geldig e-mailadres"),
    ],
)
def test_bad_input_changes_nothing(db, args, message):
    with pytest.raises(CommandError, match=message):
        _run(*args)
    assert not Organisation.objects.exists() and not Invitation.objects.exists()
    assert not mail.outbox


def test_an_existing_name_is_refused(org_a):
    with pytest.raises(CommandError, match="al een organisatie"):
        _run("basisschool a", "--lead", "a@x.example", "--admin", "b@x.example")
