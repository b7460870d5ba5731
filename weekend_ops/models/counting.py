"""How a weekend promise counts its weekends: a setting of the weekend app, one per promise."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from promises.models import Promise

from ..rules import WeekendRule

# Without a rule of its own a weekend counts when both evenings are covered (Farsta 2024).
DEFAULT_RULE = WeekendRule.BOTH_EVENINGS


class WeekendCountingRule(models.Model):
    """Which evenings of a weekend must be covered for it to count (docs/rules.md#weekend-collaboration)."""

    promise = models.OneToOneField(
        Promise,
        on_delete=models.CASCADE,
        related_name="weekend_counting_rule",
        verbose_name=_("löfte"),
    )
    rule = models.CharField(
        _("räkneregel för helger"),
        max_length=16,
        choices=WeekendRule.choices,
        default=DEFAULT_RULE,
        help_text=_("Vilka kvällar som måste vara täckta."),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("räkneregel för helger")
        verbose_name_plural = _("räkneregler för helger")
        constraints = [
            models.CheckConstraint(
                condition=Q(rule__in=WeekendRule.values), name="weekendcountingrule_rule_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.promise}: {self.get_rule_display()}"


def rule_of(promise: Promise) -> WeekendRule:
    """The promise's rule, both evenings when none is set; no query when the rule was read with
    the promise (``select_related("weekend_counting_rule")``, as the pages do)."""
    try:
        return WeekendRule(promise.weekend_counting_rule.rule)
    except WeekendCountingRule.DoesNotExist:
        return DEFAULT_RULE
