import pytest
import time_machine
from django.urls import reverse

URL = reverse("api:progress")


@pytest.mark.django_db
def test_progress_for_a_year(client, django_assert_num_queries):
    # The promises, the weekend tracker's evenings, districts, hotspots and meetings, and the
    # places tracker's activities and signals (with no activity, no findings or measures), and
    # the policing area the address names (here the default one), and whether the year is
    # signed (a signed year's figures come from its snapshot).
    with django_assert_num_queries(9):
        response = client.get(URL, {"year": 2024})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    body = response.json()
    details = [p.pop("details") for p in body["promises"]]
    districts = body.pop("districts")
    assert len(districts) == 14
    assert districts[0] == {"district": "Bandhagen", "shifts": 0, "signals": 0, "activities": 0}
    assert details[0]["weekends_in_year"] == 52 and len(details[0]["months"]) == 12
    assert details[0]["meetings"] == {"held": 0, "organisations": 0, "persons": 0, "by_kind": []}
    assert (details[1]["sites"], details[1]["districts"]) == ([], [])
    assert body == {
        "year": 2024,
        "policing_area": "farsta",
        "policing_area_name": "Farsta",
        "promises": [
            {
                "kind": "weekend_collaboration",
                "title": "Helgsamverkan",
                "title_en": "Weekend collaboration",
                "target": 40,
                "achieved": 0,
                "unit": "weekends",
                "status": "not_achieved",
            },
            {
                "kind": "safety_inventory",
                "title": "Medborgarens trygghet i fokus",
                "title_en": "Citizens' safety in focus",
                "target": 2,
                "achieved": 0,
                "unit": "sites",
                "status": "not_achieved",
            },
        ],
    }


@pytest.mark.django_db
@time_machine.travel("2024-03-01 12:00 +01:00", tick=False)
def test_the_current_year_is_the_default(client):
    body = client.get(URL).json()
    assert body["year"] == 2024
    statuses = {p["kind"]: p["status"] for p in body["promises"]}
    # 8 of 52 weekends have passed with none covered: floor(40 × 8 / 52) = 6 > 0.
    # Places: floor(2 × 60 / 366) = 0, so none yet is on track.
    assert statuses == {"weekend_collaboration": "behind", "safety_inventory": "on_track"}


@pytest.mark.django_db
@pytest.mark.parametrize("year", ["abc", "20245", "24", "1999", "2024.0", "-2024", "٢٠٢٤"])
def test_a_malformed_year_is_a_400_with_a_message(client, year):
    response = client.get(URL, {"year": year})
    assert response.status_code == 400
    assert "four-digit year" in response.json()["error"]


@pytest.mark.django_db
def test_a_year_without_promises_is_a_404(client):
    response = client.get(URL, {"year": 2031})
    assert response.status_code == 404
    assert response.json() == {"error": "no promises for 2031"}


@pytest.mark.django_db
def test_the_api_sets_no_cookies(client):
    response = client.get(URL, {"year": 2024})
    assert response.cookies == {}
    assert "Set-Cookie" not in response.headers


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/api/v1/areas/farsta/progress/?year=%00", 400),
        ("/api/v1/progress/?year=%00", 400),
        ("/api/v1/areas/farsta/", 404),
        ("/api/v1/areas/", 404),
        ("/api/v1/nothing/", 404),
    ],
)
def test_the_api_refuses_bad_addresses_in_json(client, path, status):
    """A NUL byte (refused before any view) and an address the API does not have answer in
    JSON with a reason, like every other refusal of the API, not with an HTML page."""
    response = client.get(path)
    assert response.status_code == status
    assert response["Content-Type"] == "application/json"
    assert response.json()["error"]
