from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from promises.admin import BoundedInline, LabelledTabularInline
from promises.signed import SignedYearAdminMixin

from .models import (
    PROTOCOL_MAX_ROWS,
    Activity,
    Finding,
    Flag,
    FlagRule,
    Measure,
    Signal,
    Site,
)


@admin.register(Site)
class SiteAdmin(SimpleHistoryAdmin):
    list_display = ["name", "name_en", "district"]
    list_filter = ["district"]
    list_select_related = ["district"]
    search_fields = ["name", "description"]


class FindingInline(LabelledTabularInline):
    model = Finding
    max_num = PROTOCOL_MAX_ROWS
    extra = 0


class MeasureInline(LabelledTabularInline):
    model = Measure
    max_num = PROTOCOL_MAX_ROWS
    extra = 0


@admin.register(Activity)
class ActivityAdmin(SignedYearAdminMixin, SimpleHistoryAdmin):
    list_display = ["site", "kind", "status", "date", "reason"]
    list_filter = ["kind", "status", "reason"]
    list_select_related = ["site"]
    search_fields = ["site__name", "summary"]
    date_hierarchy = "date"
    inlines = [FindingInline, MeasureInline]


@admin.register(Finding)
class FindingAdmin(SimpleHistoryAdmin):
    list_display = ["category", "effect", "activity", "location", "public_text", "is_public"]
    list_filter = ["category", "effect", "is_public"]
    list_select_related = ["activity__site"]
    search_fields = ["description", "location", "public_text"]


@admin.register(Measure)
class MeasureAdmin(SimpleHistoryAdmin):
    list_display = [
        "what",
        "activity",
        "responsible",
        "due_date",
        "status",
        "public_text",
        "is_public",
    ]
    list_filter = ["status", "is_public"]
    list_select_related = ["activity__site", "responsible"]
    search_fields = ["what", "public_text"]


@admin.register(Signal)
class SignalAdmin(SimpleHistoryAdmin):
    list_display = ["tracking_code", "received_at", "district", "site", "category", "source"]
    list_filter = ["source", "category", "district"]
    list_select_related = ["district", "site"]
    search_fields = ["tracking_code", "place_text"]


@admin.register(Flag)
class FlagAdmin(SimpleHistoryAdmin):
    list_display = ["site", "reason", "status", "raised_at", "answered_at"]
    list_filter = ["status", "reason"]
    list_select_related = ["site"]


class FlagRuleInline(BoundedInline, admin.StackedInline):
    """When signals raise a flag in an area, edited with the area."""

    model = FlagRule
    can_delete = False
    extra = 1
    max_num = 1
