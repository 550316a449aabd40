import pytest

from tests.careers import factories


@pytest.fixture
def index(home_page):
    return factories.occupation_index(home_page)


@pytest.fixture
def market(home_page):
    return factories.labour_market_page(home_page)


@pytest.fixture
def electrician(index):
    """A published occupation with every section filled and sample pay."""
    import datetime
    from decimal import Decimal

    return factories.occupation(
        index,
        title="Điện dân dụng",
        slug="dien-dan-dung",
        levels=("so-cap", "trung-cap", "cao-dang"),
        other_names="thợ điện nhà, thợ điện nước",
        isco_group=factories.isco_group(),
        pay_start_min=Decimal("5.5"),
        pay_start_max=Decimal("7"),
        pay_experienced_min=Decimal("9"),
        pay_experienced_max=Decimal("14"),
        pay_source="Khảo sát lương mẫu",
        pay_reference_date=datetime.date(2026, 10, 1),
        pay_is_sample=True,
        outlook="tang",
        outlook_text="Đô thị mới cần nhiều thợ điện.",
    )


# Streaming targets and results -----------------------------------------------------------


@pytest.fixture(scope="module")
def real_streaming(admin_units, django_db_blocker):
    """The real targets and results of careers/data, imported once per module over the
    administrative units; rolled back after the module like ``admin_units``."""
    from django.db import transaction

    from careers.streaming_import import load_real_figures

    with django_db_blocker.unblock(), transaction.atomic():
        results = load_real_figures()
        assert all(result.ok for result in results.values()), results
        yield results
        transaction.set_rollback(True)


@pytest.fixture
def streaming_page(home_page):
    """/thong-ke/phan-luong/ under a published /thong-ke/."""
    from careers.models import StatisticsIndexPage, StreamingDashboardPage
    from tests.factories import publish

    index = StatisticsIndexPage.objects.child_of(home_page).first() or publish(
        home_page, StatisticsIndexPage(title="Thống kê", slug="thong-ke", show_in_menus=True)
    )
    return StreamingDashboardPage.objects.child_of(index).first() or publish(
        index, StreamingDashboardPage(title="Chỉ tiêu phân luồng", slug="phan-luong")
    )
