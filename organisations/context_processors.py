def current_organisation(request):
    membership = getattr(request, "membership", None)
    user = getattr(request, "user", None)
    context = {"membership": membership, "organisation": getattr(request, "organisation", None)}
    if user is not None and user.is_authenticated:
        from .middleware import active_memberships

        context["my_memberships_count"] = active_memberships(user).count()
        if membership is not None and membership.sees_cases:
            from signals.models import LookRequest

            context["for_me_count"] = LookRequest.objects.open_for(
                user, membership.organisation
            ).count()
    return context
