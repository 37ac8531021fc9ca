from django.conf import settings
from django.core.mail import send_mail
from django.utils.translation import gettext as _
from django.utils.translation import override

from organisations.models import Membership
from signals.observations.models import Observation


def send_acute_alert(*, observation_id):
    """E-mail every active lead of the observation's organisation: a link, no content.

    No names of family or child, no category, no description: an e-mail leaves
    the protected app and may be read on any device.
    """
    observation = (
        Observation.objects.select_related("family__organisation").filter(pk=observation_id).first()
    )
    if observation is None:
        return 0
    family = observation.family
    link = settings.STAP0_BASE_URL.rstrip("/") + family.get_absolute_url()
    leads = (
        Membership.objects.leads()
        .filter(organisation=family.organisation)
        .exclude(user__email="")
        .select_related("user")
    )
    sent = 0
    with override(settings.LANGUAGE_CODE):
        subject = _("Er is een acuut signaal vastgelegd")
        body = _(
            "Er is een acuut signaal vastgelegd in stap0 (%(organisation)s).\n\n"
            "Log in en bekijk het zo snel mogelijk:\n%(link)s\n\n"
            "Deze e-mail bevat bewust geen inhoud."
        ) % {"organisation": family.organisation.name, "link": link}
    for membership in leads:
        sent += send_mail(
            subject, body, settings.DEFAULT_FROM_EMAIL, [membership.user.email], fail_silently=True
        )
    return sent
