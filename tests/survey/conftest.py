import pytest

from django.contrib.auth.models import User

from careers.survey.access import create_counsellor
from tests.streaming.conftest import real_streaming, streaming_page  # noqa: F401 — shared fixtures
from tests.survey import factories

PASSWORD = "mat-khau-thu-nghiem"


@pytest.fixture
def area(db):
    return factories.province()


@pytest.fixture
def school(area):
    return factories.school(area, district=factories.district(area))


@pytest.fixture
def survey_round(school):
    factories.fields()
    return factories.survey_round(school)


@pytest.fixture
def survey_class(survey_round):
    return factories.survey_class(survey_round)


@pytest.fixture
def counsellor(school):
    user, _created = create_counsellor("gvtv-a", school, password=PASSWORD)
    return user


@pytest.fixture
def administrator(db):
    return User.objects.create_superuser("quantri-ks", password=PASSWORD)
