from datetime import date

from promises.models import PolicingArea
from safety_inventory.demo import ensure_sites
from safety_inventory.models import ActivityStatus
from safety_inventory.services import activity_create


def farsta():
    return PolicingArea.objects.get(slug="farsta")


def sites():
    """Five demo sites of Farsta, made through the service."""
    return ensure_sites(farsta())


def conducted(site, day: date, **kwargs):
    return activity_create(site=site, status=ActivityStatus.CONDUCTED, date=day, **kwargs)
