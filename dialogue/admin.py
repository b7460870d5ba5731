from django import forms
from django.contrib import admin
from django.db import models

from .models import Citation, DialogueSetting, Round


@admin.register(DialogueSetting)
class DialogueSettingAdmin(admin.ModelAdmin):
    """Each area's threshold for a published figure (never below 5)."""

    list_display = ["area", "threshold"]


@admin.register(Round)
class RoundAdmin(admin.ModelAdmin):
    """Rounds are opened and changed on the staff pages; the admin lists them."""

    list_display = ["title", "year", "policing_area", "opens_on", "closes_on"]
    list_filter = ["policing_area", "year"]
    # Checkboxes, not the two-list picker (its search icon fails axe).
    formfield_overrides = {models.ManyToManyField: {"widget": forms.CheckboxSelectMultiple}}


@admin.register(Citation)
class CitationAdmin(admin.ModelAdmin):
    list_display = ["finding", "promise", "round"]
    list_filter = ["round__policing_area"]
