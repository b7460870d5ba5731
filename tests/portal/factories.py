"""Users for the platform's tests: a staff account with a role and a password, in no policing
area. Areas are the core's: ``tests/promises/factories.py`` puts its users in one, and a
platform test that needs the site's staff pages takes the fixture ``in_an_area``
(``tests/conftest.py``)."""

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from factory.django import DjangoModelFactory

PASSWORD = "ett-bra-testlosenord"


class UserFactory(DjangoModelFactory):
    """A staff user; ``role`` is ``officer``, ``reader``, ``approver``, ``admin`` (superuser) or
    None. The role groups are made by the migrations."""

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
