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
    return make_electrician(index)


def make_electrician(index):
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
