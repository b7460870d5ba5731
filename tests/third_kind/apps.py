from django.apps import AppConfig


class ThirdKindConfig(AppConfig):
    name = "tests.third_kind"
    label = "third_kind"
    verbose_name = "Skolbesök (test)"

    def ready(self) -> None:
        from promises import progress

        from . import trackers

        progress.register(
            trackers.KIND,
            trackers.school_visits_tracker,
            label="Skolbesök",
            order=3,
            unit=trackers.VISITS,
            summary=trackers.summary,
            columns=trackers.COLUMNS,
            staff_columns=trackers.STAFF_COLUMNS,
            public_template="third_kind/_public_panel.html",
            staff_template="third_kind/_staff_panel.html",
        )
