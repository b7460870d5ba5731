from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from promises.admin import BoundedInline, LabelledTabularInline
from promises.signed import SignedYearAdminMixin

from .models import CalendarToken, Hotspot, Meeting, Registration, Shift, WeekendCountingRule
from .services import meeting_save


@admin.register(Hotspot)
class HotspotAdmin(SimpleHistoryAdmin):
    list_display = ["name", "district", "days", "window_start", "window_end", "is_current"]
    list_filter = ["is_current", "days", "district"]
    list_select_related = ["district"]
    search_fields = ["name", "description"]


@admin.register(Shift)
class ShiftAdmin(SignedYearAdminMixin, SimpleHistoryAdmin):
    list_display = ["start", "end", "status", "policing_area"]
    list_filter = ["status", "policing_area"]
    list_select_related = ["policing_area"]
    date_hierarchy = "start"
    filter_horizontal = ["officers", "districts", "hotspots", "organisations"]
    search_fields = ["notes", "officers__username"]


class RegistrationInline(LabelledTabularInline):
    model = Registration
    # Every registration of a meeting, waiting list included, is a row of its page.
    max_num = 250
    extra = 0
    fields = ["name", "organisation", "email", "status", "attended"]
    readonly_fields = ["status"]

    def has_add_permission(self, request, obj=None) -> bool:
        # Registrations are made by the partners' form, which decides confirmed or waitlisted.
        return False


@admin.register(Meeting)
class MeetingAdmin(SimpleHistoryAdmin):
    list_display = ["title", "start", "borough", "status", "seats", "seats_taken", "is_public"]
    list_filter = ["status", "borough", "is_public"]
    list_select_related = ["borough"]
    search_fields = ["title", "venue"]
    date_hierarchy = "start"
    readonly_fields = ["seats_taken", "invitation_token"]
    inlines = [RegistrationInline]

    def save_model(self, request, obj, form, change):
        # Under a lock and without the seat counter, like the officers' edit form.
        meeting_save(meeting=obj, fields=form.changed_data if change else None)


@admin.register(Registration)
class RegistrationAdmin(SimpleHistoryAdmin):
    list_display = ["name", "organisation", "meeting", "status", "attended"]
    list_filter = ["status", "attended"]
    list_select_related = ["organisation", "meeting"]
    search_fields = ["name", "email", "organisation__name"]
    # Status and seats change only through the services, which keep the seat count right.
    # Deleting one frees its seat and promotes the waiting list (weekend_ops.receivers).
    readonly_fields = ["status", "person_key", "anonymised_at", "language"]

    def has_add_permission(self, request) -> bool:
        return False


@admin.register(CalendarToken)
class CalendarTokenAdmin(admin.ModelAdmin):
    list_display = ["user", "created_at"]
    list_select_related = ["user"]


class WeekendCountingRuleInline(BoundedInline, admin.StackedInline):
    """How a weekend promise counts its weekends, edited with the promise."""

    model = WeekendCountingRule
    can_delete = False
    extra = 1
    max_num = 1
