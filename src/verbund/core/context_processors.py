"""What every page's layout needs: the navigation the user may use and their name."""

from verbund.core.navigation import sections_for
from verbund.core.services.audit_labels import person_name


def layout(request):
    user = getattr(request, "user", None)
    if user is None:
        return {}
    return {
        "nav_sections": sections_for(user, request.path),
        "user_display_name": person_name(user) if user.is_authenticated else "",
        "user_has_organization": bool(user.is_authenticated and _member_organizations(user)),
    }


def _member_organizations(user):
    from verbund.core.services import access

    return user.is_superuser or access.member_organization_ids(user)
