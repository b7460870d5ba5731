"""Staff roles (groups) and the decorators that guard staff pages."""

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.db.models.signals import m2m_changed
from django.dispatch import receiver
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from portal.errors import RefusedWithReason
from promises.areas import works_in_an_area

OFFICER = "officer"  # kommunpolis: records operations
READER = "reader"  # e.g. municipality staff: reads the dashboard and exports
# Godkännare, e.g. the lokalpolisområdeschef: reads what readers read and signs off the annual
# follow-up. A user may hold it together with ``officer``.
APPROVER = "approver"
ROLES = (OFFICER, READER, APPROVER)


class NoArea(RefusedWithReason):
    """A staff user who belongs to no policing area: the 403 page says why (its message)."""


_ROLES = "_portal_roles"


def roles_of(user) -> frozenset[str]:
    """The names of the user's groups, read once per user object (a request asks for the role
    in its middleware, its view and its templates: one query); forgotten when the user's groups
    change through that object."""
    roles = getattr(user, _ROLES, None)
    if roles is None:
        roles = frozenset(user.groups.values_list("name", flat=True))
        setattr(user, _ROLES, roles)
    return roles


@receiver(m2m_changed, sender=User.groups.through)
def _forget_roles(sender, instance, reverse, **kwargs) -> None:
    if not reverse:
        instance.__dict__.pop(_ROLES, None)


def has_role(user, *roles: str) -> bool:
    """True for a superuser, or for an active user in one of ``roles``'s groups."""
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    return not roles_of(user).isdisjoint(roles)


def role_required(*roles: str) -> Callable:
    """Log in first (anonymous users go to the login page), then 403 unless in one of ``roles``.

    Staff pages hold personal and operational data: never cached.
    """

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not has_role(request.user, *roles):
                raise PermissionDenied
            if not works_in_an_area(request):  # staff see their own areas' data only
                raise NoArea(
                    _(
                        "Ditt konto hör inte till något lokalpolisområde. Be en administratör "
                        "lägga till dig."
                    )
                )
            return view(request, *args, **kwargs)

        return never_cache(login_required(wrapped))

    return decorator


staff_required = role_required(OFFICER, READER, APPROVER)
officer_required = role_required(OFFICER)
approver_required = role_required(APPROVER)


def mfa_required_for(user) -> bool:
    """Officers and admins need a second factor; readers may choose one (issue 13, §1).
    The platform's sign-in middleware asks it through ``settings.PORTAL_MFA_REQUIRED_FOR``."""
    return user.is_authenticated and (user.is_superuser or has_role(user, OFFICER))
