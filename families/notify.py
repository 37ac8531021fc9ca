"""E-mails about a family's file that leave the app: a link, never content."""

from django.conf import settings
from django.core.mail import send_mail
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import override

from organisations.models import Membership

from .models import GlassBreak


def send_glass_break_alert(*, glass_break_id):
    """Tells every active lead that a file was opened with "nu openen": no names of family,
    child or person, no reason: an e-mail may be read on any device. The access log says who."""
    opening = GlassBreak.objects.select_related("family__organisation").filter(pk=glass_break_id)
    opening = opening.first()
    if opening is None:
        return 0
    organisation = opening.family.organisation
    link = settings.STAP0_BASE_URL.rstrip("/") + reverse("organisations:access_log")
    leads = (
        Membership.objects.leads()
        .filter(organisation=organisation)
        .exclude(user__email="")
        .select_related("user")
    )
    with override(settings.LANGUAGE_CODE):
        subject = _("Een dossier is geopend met “nu openen”")
        body = _(
            "Iemand heeft in stap0 (%(organisation)s) een gezinsdossier geopend zonder in het "
            "team te zitten (“nu openen”, 24 uur).\n\n"
            "Wie, welk gezin en waarom staat bovenaan de toegangslog:\n%(link)s\n\n"
            "Deze e-mail bevat bewust geen inhoud."
        ) % {"organisation": organisation.name, "link": link}
    sent = 0
    for membership in leads:
        sent += send_mail(
            subject, body, settings.DEFAULT_FROM_EMAIL, [membership.user.email], fail_silently=True
        )
    return sent
