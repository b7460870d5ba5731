"""When citizens' signals raise a flag on a site: a setting of the places app, one per area."""

from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from promises.models import PolicingArea

# Without a rule of its own an area flags a site at three signals within 90 days.
DEFAULT_THRESHOLD = 3
DEFAULT_WINDOW_DAYS = 90


class FlagRuleQuerySet(models.QuerySet):
    def rule_of(self, area) -> "FlagRule":
        """The area's rule (``area``: a PolicingArea or its id), the defaults when none is set
        (an unsaved rule)."""
        area_id = getattr(area, "pk", area)
        return self.filter(area_id=area_id).first() or FlagRule(area_id=area_id)


class FlagRule(models.Model):
    """A negative development at a site (docs/rules.md#places): ``threshold`` signals within
    ``window_days`` days raise a flag."""

    area = models.OneToOneField(
        PolicingArea,
        on_delete=models.CASCADE,
        related_name="flag_rule",
        verbose_name=_("lokalpolisområde"),
    )
    # At least one signal within at least one day: the field says so where it is typed, the
    # constraint keeps every other write to it.
    threshold = models.PositiveSmallIntegerField(
        _("antal signaler som ger en flagga"),
        default=DEFAULT_THRESHOLD,
        validators=[MinValueValidator(1)],
    )
    window_days = models.PositiveSmallIntegerField(
        _("signalfönster i dagar"),
        default=DEFAULT_WINDOW_DAYS,
        validators=[MinValueValidator(1)],
    )

    history = HistoricalRecords()
    objects = FlagRuleQuerySet.as_manager()

    class Meta:
        verbose_name = _("regel för flaggor")
        verbose_name_plural = _("regler för flaggor")
        constraints = [
            models.CheckConstraint(
                condition=Q(threshold__gte=1, window_days__gte=1),
                name="flagrule_positive",
                violation_error_message=_(
                    "Antal signaler och signalfönster i dagar måste båda vara minst 1."
                ),
            ),
        ]

    def __str__(self) -> str:
        return str(self.area) if self.area_id else ""
