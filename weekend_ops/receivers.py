"""Receivers that keep meetings right whatever writes them: the admin, a cascade, a role change.

- Deleting a registration that held a seat frees the seat and promotes the waiting list, as a
  cancellation does (otherwise the seat counter would leak a seat).
- Deleting the last registration that names an organisation a partner typed and nobody
  accepted deletes that organisation and its history.
- A staff calendar feed lives only while its owner is an active officer: losing the role or
  being deactivated deletes the feed's secret.
"""

from django.contrib.auth import get_user_model
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete
from django.dispatch import receiver

from promises.permissions import OFFICER, has_role

from .models import CalendarToken, Registration

User = get_user_model()


@receiver(pre_delete, sender=Registration, dispatch_uid="registration_frees_its_seat")
def registration_frees_its_seat(sender, instance: Registration, **kwargs) -> None:
    from .services import registration_before_delete

    registration_before_delete(registration=instance)


@receiver(post_delete, sender=Registration, dispatch_uid="registration_forgets_typed_organisation")
def registration_forgets_typed_organisation(sender, instance: Registration, **kwargs) -> None:
    """The last registration naming an organisation nobody accepted is gone: so is the name."""
    from promises.services import organisations_forgotten_delete

    if instance.organisation_id is not None:
        organisations_forgotten_delete(ids=[instance.organisation_id])


def revoke_calendar_unless_officer(user) -> None:
    """Delete ``user``'s calendar feed secret unless they are (still) an active officer."""
    if user.pk is None or has_role(user, OFFICER):
        return
    CalendarToken.objects.filter(user=user).delete()


@receiver(post_save, sender=User, dispatch_uid="calendar_follows_user_status")
def calendar_follows_user_status(sender, instance, **kwargs) -> None:
    if not instance.is_active:  # every login saves the user: act only on deactivation
        CalendarToken.objects.filter(user=instance).delete()


@receiver(m2m_changed, sender=User.groups.through, dispatch_uid="calendar_follows_user_roles")
def calendar_follows_user_roles(sender, instance, action, reverse, pk_set, **kwargs) -> None:
    if action not in {"post_remove", "post_clear"}:
        return
    if reverse:  # users removed from a group: ``instance`` is the group
        users = User.objects.filter(pk__in=pk_set or []) if action == "post_remove" else []
        for user in users:
            revoke_calendar_unless_officer(user)
        if action == "post_clear":
            # Every member left the group: anyone no longer an officer loses the feed.
            for token in CalendarToken.objects.select_related("user"):
                revoke_calendar_unless_officer(token.user)
    else:
        revoke_calendar_unless_officer(instance)
