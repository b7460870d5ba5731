from django import forms
from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.db import models
from django.forms.models import BaseInlineFormSet
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from simple_history.admin import SimpleHistoryAdmin

from promises import features
from promises.models import (
    AnnualReport,
    BoroughArea,
    District,
    Organisation,
    PolicingArea,
    Promise,
    PromiseNarrative,
)
from promises.services import promise_renew


class BoundedInline:
    """An inline that reads at most ``max_num`` rows of a post: a forged row count (a
    TOTAL_FORMS of a million) is refused before the rows are built, where Django's default
    would build 2,000. Mix it in before ``TabularInline`` or ``StackedInline``."""

    max_num = 100

    def get_formset(self, request, obj=None, **kwargs):
        # The class's cap, also when adding is off: the admin then sets the instance's max_num to
        # 0 ("no new rows"), which must not stop the existing rows from being read and saved.
        limit = type(self).max_num or BoundedInline.max_num
        kwargs.setdefault("absolute_max", limit)
        kwargs.setdefault("validate_max", bool(self.get_max_num(request, obj, **kwargs)))
        return super().get_formset(request, obj, **kwargs)


class LabelledInlineFormSet(BaseInlineFormSet):
    """A table of inline rows names each column once, in its header; a screen reader on a field
    hears nothing of it (axe: ``label``, critical). Each field, the delete box too, carries its
    column's name."""

    def add_fields(self, form, index):
        super().add_fields(form, index)
        for field in form.fields.values():
            if field.label:
                # A foreign key's select sits inside the admin's wrapper (its add/change links).
                widget = getattr(field.widget, "widget", field.widget)
                widget.attrs = {**widget.attrs, "aria-label": str(field.label)}


class LabelledTabularInline(BoundedInline, admin.TabularInline):
    """The tabular inline of the portal: every field labelled for assistive technology, and
    a bounded number of rows read."""

    formset = LabelledInlineFormSet


# Django's two-list picker (filter_horizontal) draws a search icon as a <span aria-label>, which
# ARIA forbids (axe: ``aria-prohibited-attr``); staff and groups are short lists: checkboxes, each
# with its own label, need no script.
PICKER = forms.CheckboxSelectMultiple


class BoroughInline(LabelledTabularInline):
    """A new area is added with its boroughs on the same page; their districts on each
    borough's page."""

    model = BoroughArea
    extra = 1
    prepopulated_fields = {"slug": ["name"]}
    show_change_link = True


class DistrictInline(LabelledTabularInline):
    model = District
    extra = 3
    fields = ["name", "slug", "name_en"]
    prepopulated_fields = {"slug": ["name"]}


class PolicingAreaForm(forms.ModelForm):
    """The area with its first year (docs/rules.md#years): left out of a post, a new area gets
    the default for new areas and an existing one keeps its own."""

    class Meta:
        model = PolicingArea
        fields = ["slug", "name", "staff", "contact_email", "first_year"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "first_year" in self.fields:
            self.fields["first_year"].required = False

    def clean_first_year(self):
        year = self.cleaned_data.get("first_year")
        return self.instance.first_year if year is None else year


@admin.register(PolicingArea)
class PolicingAreaAdmin(admin.ModelAdmin):
    form = PolicingAreaForm
    list_display = ["name", "slug", "first_year"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    formfield_overrides = {models.ManyToManyField: {"widget": PICKER}}
    inlines: list = [BoroughInline]

    def get_inlines(self, request, obj):
        # ... and the settings of an area that the features declare (``Feature.area_admin_inlines``).
        return [*super().get_inlines(request, obj), *features.area_admin_inlines()]


@admin.register(BoroughArea)
class BoroughAreaAdmin(admin.ModelAdmin):
    inlines = [DistrictInline]
    list_display = ["name", "policing_area"]
    list_filter = ["policing_area"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(District)
class DistrictAdmin(admin.ModelAdmin):
    list_display = ["name", "borough"]
    list_filter = ["borough"]
    list_select_related = ["borough"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Organisation)
class OrganisationAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind", "status"]
    list_filter = ["status", "kind"]
    search_fields = ["name"]


@admin.register(Promise)
class PromiseAdmin(SimpleHistoryAdmin):
    list_display = ["title", "year", "kind", "target", "policing_area"]
    list_filter = ["year", "kind", "policing_area"]
    list_select_related = ["policing_area"]
    search_fields = ["title", "summary"]
    actions = ["renew_for_next_year"]

    def get_inlines(self, request, obj):
        # The settings of their kinds that the features declare
        # (``Feature.promise_admin_inlines``), each only with promises of its kind.
        return [
            *super().get_inlines(request, obj),
            *features.promise_admin_inlines(kind=obj.kind if obj is not None else None),
        ]

    @admin.action(description=_("Förnya valda löften för nästa år"))
    def renew_for_next_year(self, request, queryset):
        created = sum(promise_renew(promise=p)[1] for p in queryset.select_related("policing_area"))
        skipped = queryset.count() - created
        self.message_user(
            request,
            ngettext(
                "%(count)d löfte förnyades för nästa år.",
                "%(count)d löften förnyades för nästa år.",
                created,
            )
            % {"count": created},
            messages.SUCCESS,
        )
        if skipped:
            self.message_user(
                request,
                ngettext(
                    "%(count)d löfte fanns redan för nästa år och ändrades inte.",
                    "%(count)d löften fanns redan för nästa år och ändrades inte.",
                    skipped,
                )
                % {"count": skipped},
                messages.WARNING,
            )


@admin.register(AnnualReport)
class AnnualReportAdmin(SimpleHistoryAdmin):
    list_display = ["year", "policing_area", "status", "approved_by_name", "approved_at"]
    list_filter = ["status", "policing_area"]
    readonly_fields = ["status", "approved_by", "approved_by_name", "approved_at", "snapshot"]


@admin.register(PromiseNarrative)
class PromiseNarrativeAdmin(SimpleHistoryAdmin):
    list_display = ["promise", "updated_at"]
    search_fields = ["text"]


User = get_user_model()
admin.site.unregister(User)


@admin.register(User)
class PortalUserAdmin(UserAdmin):
    """Django's user page with its groups as checkboxes and its permissions as a plain list (see
    ``PICKER``)."""

    filter_horizontal = ()

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "groups":
            kwargs["widget"] = PICKER
        return super().formfield_for_manytomany(db_field, request, **kwargs)


def _name_the_queues_columns() -> None:
    """django-tasks-db's admin names two columns in English, outside any catalogue."""
    from django_tasks_db.admin import DBTaskResultAdmin

    DBTaskResultAdmin.formatted_traceback.short_description = _("felspår")
    DBTaskResultAdmin.display_run_after.short_description = _("körs tidigast")


_name_the_queues_columns()
