"""Django's admin, for the installation's administrator (a superuser) alone: regions and
the organisations in them, nothing else. It is a site of its own (not `admin.site`, which
other packages fill: users, second-factor keys, lockouts), so what it shows is exactly
what is registered here. No case content: no families, children, signals, matches,
consents, handovers, tokens (tests/collaboration/test_admin.py holds that).

Whoever else reaches /admin/ gets 403, anonymous visitors the app's own login page (its
lockout and second factor). A change writes the access log, the organisation's own for
an organisation that joins or leaves a region, so that its leads see it."""

from django import forms
from django.conf import settings
from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.forms.models import BaseInlineFormSet
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _

from organisations.models import AccessAction
from organisations.views.auth import LogoutView

from .models import Region, RegionMember


class InstallationAdminSite(admin.AdminSite):
    site_header = _("stap0: beheer van de installatie")
    site_title = _("stap0-installatiebeheer")
    index_title = _("Regio's en hun organisaties")
    # The contenttypes shortcut (admin:view_on_site) would redirect to any object's page,
    # a family's too: not offered.
    EXCLUDED = {"view_on_site"}

    def has_permission(self, request):
        return request.user.is_active and request.user.is_superuser

    def admin_view(self, view, cacheable=False):
        inner = super().admin_view(view, cacheable)

        def guarded(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path(), settings.LOGIN_URL)
            if not self.has_permission(request):
                raise PermissionDenied
            return inner(request, *args, **kwargs)

        guarded.csrf_exempt = getattr(inner, "csrf_exempt", False)
        return guarded

    def get_urls(self):
        return [p for p in super().get_urls() if getattr(p, "name", None) not in self.EXCLUDED]

    @login_not_required
    def login(self, request, extra_context=None):
        """The app's one login page, not the admin's own form."""
        target = request.GET.get("next") or reverse("admin:index", current_app=self.name)
        if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
            target = reverse("admin:index", current_app=self.name)
        if not request.user.is_authenticated:
            return redirect_to_login(target, settings.LOGIN_URL)
        if not self.has_permission(request):
            raise PermissionDenied
        return redirect(target)

    def logout(self, request, extra_context=None):
        """The app's logout: the session is flushed and the access log says so."""
        return LogoutView.as_view()(request)


site = InstallationAdminSite(name="admin")


class RegionMemberForm(forms.ModelForm):
    class Meta:
        model = RegionMember
        fields = ("organisation",)
        labels = {"organisation": _("organisatie")}

    def validate_unique(self):
        """The formset says it, in words that fit (and the database holds it)."""


class RegionMemberFormSet(BaseInlineFormSet):
    """The same rules as `region_add`, in Dutch on the row: an organisation is in one region
    at most, and a row keeps its organisation (its lead opted in for that one)."""

    def clean(self):
        super().clean()
        for form in self.forms:
            if not form.is_valid() or form.cleaned_data.get("DELETE"):
                continue
            organisation = form.cleaned_data.get("organisation")
            if organisation is None:
                continue
            if form.instance.pk is not None and "organisation" in form.changed_data:
                form.add_error(
                    "organisation",
                    _(
                        "Een andere organisatie kiezen kan hier niet: verwijder de rij en voeg "
                        "de organisatie toe."
                    ),
                )
                continue
            elsewhere = RegionMember.objects.filter(organisation=organisation)
            if self.instance.pk is not None:
                elsewhere = elsewhere.exclude(region_id=self.instance.pk)
            if elsewhere.exists():
                form.add_error("organisation", _("Deze organisatie hoort al bij een andere regio."))


class RegionMemberInline(admin.TabularInline):
    model = RegionMember
    form = RegionMemberForm
    formset = RegionMemberFormSet
    fields = ("organisation", "opted_in_at")
    # Taking part is the lead's choice (Samenwerken), never the administrator's.
    readonly_fields = ("opted_in_at",)
    extra = 1
    verbose_name = _("organisatie in de regio")
    verbose_name_plural = _("organisaties in de regio (de aandachtsfunctionaris meldt zich aan)")


@admin.register(Region, site=site)
class RegionAdmin(admin.ModelAdmin):
    list_display = ("name", "member_count", "taking_part")
    search_fields = ("name",)
    fields = ("name",)
    inlines = (RegionMemberInline,)

    @admin.display(description=_("organisaties"))
    def member_count(self, region):
        return region.members.count()

    @admin.display(description=_("doen mee"))
    def taking_part(self, region):
        return region.members.filter(opted_in_at__isnull=False).count()

    def has_delete_permission(self, request, obj=None):
        # A region's involvement signals and matches hang from it: deleting it would
        # delete the organisations' records (and its confirmation page would list them).
        return False

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        request.audit.record(
            AccessAction.SETTING_CHANGE if change else AccessAction.CREATE,
            user=request.user,
            organisation=None,
            obj=obj,
        )

    def save_formset(self, request, form, formset, change):
        instances = formset.save(commit=False)
        for member in formset.deleted_objects:
            self._record(request, member, "region_leave")
            member.delete()
        for member in instances:
            joins = member.pk is None
            member.save()
            if joins:
                self._record(request, member, "region_join")
        formset.save_m2m()

    @staticmethod
    def _record(request, member, what):
        request.audit.record(
            AccessAction.SETTING_CHANGE,
            user=request.user,
            organisation=member.organisation,
            obj=member.region,
            object_type=what,
        )
