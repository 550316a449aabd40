import pytest

from django.contrib.auth.models import Group, Permission, User

from institutions.accounts import create_school_account
from institutions.permissions import EDITOR_MODEL_PERMISSIONS
from tests.careers import factories as careers_factories
from tests.institutions import factories
from website.roles import EDITORS

PASSWORD = "mat-khau-thu-nghiem"


@pytest.fixture
def index(home_page):
    return factories.index(home_page)


def make_occupation(home_page):
    occupations = careers_factories.occupation_index(home_page)
    return careers_factories.occupation(occupations, title="Điện công nghiệp", slug="dien-cn")


@pytest.fixture
def occupation(home_page):
    return make_occupation(home_page)


def make_school_a(index):
    area = factories.province("Cần Thơ")
    return factories.institution(
        index, title="Trường Cao đẳng Mẫu A", province=area, commune=factories.commune(area)
    )


def make_school_b(index):
    return factories.institution(
        index,
        title="Trường Trung cấp Mẫu B",
        institution_type="trung-cap",
        ownership="tu-thuc",
        province=factories.province("Đà Nẵng"),
    )


def make_staff(school, username):
    return create_school_account(school, username, password=PASSWORD).user


def make_editor():
    """An editor; the role gets the institutions' model permissions as website.roles will."""
    group = Group.objects.get(name=EDITORS)
    group.permissions.add(
        *(
            Permission.objects.get(content_type__app_label=app, codename=codename)
            for app, codename in EDITOR_MODEL_PERMISSIONS
        )
    )
    user = User.objects.create_user("bientap-thu", password=PASSWORD)
    user.groups.add(group)
    return user


def make_administrator():
    return User.objects.create_superuser("quantri-thu", password=PASSWORD)


@pytest.fixture
def school_a(index):
    return make_school_a(index)


@pytest.fixture
def school_b(index):
    return make_school_b(index)


@pytest.fixture
def staff_a(school_a):
    return make_staff(school_a, "canbo-a")


@pytest.fixture
def staff_b(school_b):
    return make_staff(school_b, "canbo-b")


@pytest.fixture
def editor(db):
    return make_editor()


@pytest.fixture
def administrator(db):
    return make_administrator()
