"""Login and password reset are throttled per account and per address (django-axes and a
cache counter): 30 wrong passwords, then the right one, used to log in."""

import pytest

from django.contrib.auth.models import User
from django.core import mail
from django.core.cache import cache

from wagtail.models import Page

pytestmark = pytest.mark.django_db

PASSWORD = "mat-khau-dung-ca-nam"


@pytest.fixture
def officer(db):
    return User.objects.create_superuser("quantri-thu", "quantri@example.com", PASSWORD)


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


def login(client, username, password, address="203.0.113.7", **headers):
    return client.post(
        "/admin/login/",
        {"username": username, "password": password},
        REMOTE_ADDR=address,
        **headers,
    )


def test_the_right_password_after_many_wrong_ones_is_locked_out(client, officer):
    for _ in range(4):
        assert login(client, "quantri-thu", "sai").status_code == 200  # the form again
    assert login(client, "quantri-thu", "sai").status_code == 429  # the fifth locks
    response = login(client, "quantri-thu", PASSWORD)
    assert response.status_code == 429
    html = response.content.decode()
    assert "Tạm khóa đăng nhập" in html and "15 phút" in html
    assert "_auth_user_id" not in client.session
    # From another address too: the account itself is locked.
    assert login(client, "quantri-thu", PASSWORD, address="198.51.100.2").status_code == 429


def test_one_address_trying_many_accounts_is_locked_out(client, officer):
    for number in range(5):
        login(client, f"khong-co-{number}", "sai")
    assert login(client, "quantri-thu", PASSWORD).status_code == 429
    # The account is not locked for its owner elsewhere.
    response = login(client, "quantri-thu", PASSWORD, address="198.51.100.2")
    assert response.status_code == 302 and "_auth_user_id" in client.session


def test_a_few_mistakes_then_the_right_password_logs_in(client, officer):
    for _ in range(4):
        login(client, "quantri-thu", "sai")
    response = login(client, "quantri-thu", PASSWORD)
    assert response.status_code == 302 and "_auth_user_id" in client.session


def test_behind_the_proxy_the_forwarded_address_is_counted(client, officer):
    def through_proxy(username, password, forwarded):
        return login(client, username, password, "127.0.0.1", HTTP_X_FORWARDED_FOR=forwarded)

    for number in range(5):
        through_proxy(f"khong-co-{number}", "sai", "10.0.0.9, 203.0.113.50")
    assert through_proxy("quantri-thu", PASSWORD, "203.0.113.50").status_code == 429
    assert through_proxy("quantri-thu", PASSWORD, "203.0.113.51").status_code == 302


def test_behind_nginx_and_the_page_cache_visitors_are_counted_apart(client, officer):
    """nginx sets X-Forwarded-For to the visitor; Varnish appends nginx's own address."""

    def through_stack(username, password, visitor):
        forwarded = f"{visitor}, 127.0.0.1"
        return login(client, username, password, "127.0.0.1", HTTP_X_FORWARDED_FOR=forwarded)

    for number in range(5):
        through_stack(f"khong-co-{number}", "sai", "203.0.113.60")
    assert through_stack("quantri-thu", PASSWORD, "203.0.113.60").status_code == 429
    assert through_stack("quantri-thu", PASSWORD, "203.0.113.61").status_code == 302


def test_password_reset_requests_are_limited(client, officer, settings):
    settings.WAGTAIL_PASSWORD_RESET_ENABLED = True
    assert Page.objects.exists()
    for _ in range(5):
        response = client.post("/admin/password_reset/", {"email": "quantri@example.com"})
        assert response.status_code == 302
    assert len(mail.outbox) == 5
    response = client.post("/admin/password_reset/", {"email": "quantri@example.com"})
    assert response.status_code == 429
    assert "quá nhiều lần" in response.content.decode()
    assert len(mail.outbox) == 5
