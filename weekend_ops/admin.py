from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Hotspot, Shift


@admin.register(Hotspot)
class HotspotAdmin(SimpleHistoryAdmin):
    list_display = ["name", "district", "days", "window_start", "window_end", "is_current"]
    list_filter = ["is_current", "days", "district"]
    list_select_related = ["district"]
    search_fields = ["name", "description"]


@admin.register(Shift)
class ShiftAdmin(SimpleHistoryAdmin):
    list_display = ["start", "end", "status", "policing_area"]
    list_filter = ["status", "policing_area"]
    list_select_related = ["policing_area"]
    date_hierarchy = "start"
    filter_horizontal = ["officers", "districts", "hotspots", "organisations"]
    search_fields = ["notes", "officers__username"]
