import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from factory.django import DjangoModelFactory

from promises.models import BoroughArea, District, PolicingArea, Promise

PASSWORD = "ett-bra-testlosenord"


class UserFactory(DjangoModelFactory):
    """A staff user; ``role`` is ``officer``, ``reader``, ``admin`` (superuser) or None."""

    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.Faker("first_name", locale="sv_SE")
    last_name = factory.Faker("last_name", locale="sv_SE")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def role(self, create, role, **kwargs):
        if role == "admin":
            self.is_staff = self.is_superuser = True
        elif role:
            self.groups.add(Group.objects.get(name=role))
        if create:
            self.save()

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
