import factory
from factory.django import DjangoModelFactory

from promises.models import BoroughArea, District, PolicingArea, Promise
from tests.portal import factories as platform

PASSWORD = platform.PASSWORD  # every user's password; the core's and the apps' tests read it here


class UserFactory(platform.UserFactory):
    """A staff user in policing areas: the platform's user (``role`` is ``officer``, ``reader``,
    ``approver``, ``admin`` or None) who works in Farsta unless told (``areas=[]``: none)."""

    @factory.post_generation
    def areas(self, create, areas, **kwargs):
        """The policing areas the user works in: Farsta unless told (``areas=[]``: none)."""
        if not create:
            return
        if areas is None:
            areas = PolicingArea.objects.filter(slug="farsta")
        for area in areas:
            area.staff.add(self)


class PolicingAreaFactory(DjangoModelFactory):
    class Meta:
        model = PolicingArea
        django_get_or_create = ["slug"]

    slug = "farsta"
    name = factory.LazyAttribute(lambda a: a.slug.capitalize())


class BoroughAreaFactory(DjangoModelFactory):
    class Meta:
        model = BoroughArea
        django_get_or_create = ["policing_area", "slug"]

    policing_area = factory.SubFactory(PolicingAreaFactory)
    slug = factory.Sequence(lambda n: f"borough-{n}")
    name = factory.LazyAttribute(lambda b: b.slug.capitalize())


class DistrictFactory(DjangoModelFactory):
    class Meta:
        model = District
        django_get_or_create = ["borough", "slug"]

    borough = factory.SubFactory(BoroughAreaFactory)
    slug = factory.Sequence(lambda n: f"district-{n}")
    name = factory.LazyAttribute(lambda d: d.slug.capitalize())


class PromiseFactory(DjangoModelFactory):
    class Meta:
        model = Promise
        django_get_or_create = ["policing_area", "year", "kind"]

    policing_area = factory.SubFactory(PolicingAreaFactory)
    year = 2025
    kind = "weekend_collaboration"
    title = "Helgsamverkan"
    summary = "Polis på plats fredags- och lördagskvällar."
    target = 40
