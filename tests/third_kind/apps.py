from django.apps import AppConfig


class ThirdKindConfig(AppConfig):
    """A third kind of promise that only the tests install: it joins the portal through its one
    declaration (``feature.py``), like the kinds of the source document."""

    name = "tests.third_kind"
    label = "third_kind"
    verbose_name = "Skolbesök (test)"

    def ready(self) -> None:
        from promises import features

        from .feature import FEATURE

        features.register(FEATURE)
