"""No admin page sends inline script or style, which the Content-Security-Policy
(``script-src 'self'``, ``style-src 'self'``) would block: every page type's add and edit
forms, every snippet's forms, and every page of the admin menu, without a browser."""

import re

import pytest

from django.urls import reverse

from wagtail.admin.menu import admin_menu
from wagtail.models import Page, get_page_models
from wagtail.snippets.models import get_snippet_models

from tests.institutions import factories as institution_factories
from website.models import HomePage

pytestmark = pytest.mark.django_db

SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.IGNORECASE | re.DOTALL)
# Scripts the browser does not run: data and templates.
DATA_TYPES = re.compile(
    r"""\btype=["']?(application/(ld\+)?json|text/template|text/html)""", re.IGNORECASE
)
TAG = re.compile(r"<[a-zA-Z][^>]*>")
INLINE_IN_TAG = re.compile(r"""\s(style|on[a-z]+)\s*=""", re.IGNORECASE)


def inline_code(html):
    """What the CSP would refuse in ``html``: inline scripts, style elements and style or
    event-handler attributes (a short excerpt of each)."""
    found = []
    for match in SCRIPT.finditer(html):
        attributes, body = match.groups()
        if "src=" not in attributes and not DATA_TYPES.search(attributes) and body.strip():
            found.append(match.group(0)[:120])
    rest = SCRIPT.sub("", html)
    found += [match.group(0)[:120] for match in re.finditer(r"<style\b", rest, re.IGNORECASE)]
    found += [tag[:120] for tag in TAG.findall(rest) if INLINE_IN_TAG.search(tag)]
    return found


def test_the_check_finds_inline_script_and_style():
    html = (
        '<script src="/static/a.js"></script><script type="application/json">{"a": 1}</script>'
        '<p class="x">style=nothing</p><script>new PageChooser("id", {});</script>'
        '<div style="color: red"></div><button onclick="go()">'
    )
    assert inline_code(html) == [
        '<script>new PageChooser("id", {});</script>',
        '<div style="color: red">',
        '<button onclick="go()">',
    ]


# Pages that need more than a title to be the parent of another page type.
BUILDERS = {"institutions.InstitutionPage": institution_factories.institution}


def parent_for(model, home, made):
    """A page ``model`` may be added under, made the simplest way when there is none yet."""
    parent_model = next(m for m in model.allowed_parent_page_models() if m is not Page)
    if parent_model is HomePage:
        return home
    label = parent_model._meta.label
    if label not in made and (existing := parent_model.objects.first()):
        made[label] = existing
    if label not in made:
        grandparent = parent_for(parent_model, home, made)
        if label in BUILDERS:
            made[label] = BUILDERS[label](grandparent)
        else:
            page = parent_model(title=str(parent_model._meta.verbose_name), live=True)
            grandparent.add_child(instance=page)
            made[label] = page
    return made[label]


def menu_urls(items, request):
    for item in items:
        if getattr(item, "menu", None) is not None:
            yield from menu_urls(item.menu.menu_items_for_request(request), request)
        elif item.url.startswith("/admin/"):
            yield item.url


def admin_addresses(client, rf, home):
    made = {}
    addresses = [f"/admin/pages/{home.pk}/edit/"]
    models = [model for model in get_page_models() if model not in (Page, HomePage)]
    parents = {model: parent_for(model, home, made) for model in models}  # made first
    for model, parent in parents.items():
        if model.can_create_at(parent):
            addresses.append(
                f"/admin/pages/add/{model._meta.app_label}/{model._meta.model_name}/{parent.pk}/"
            )
        else:  # one per site, and there is one
            made.setdefault(model._meta.label, model.objects.first())
    addresses += [f"/admin/pages/{page.pk}/edit/" for page in made.values()]
    for model in get_snippet_models():
        viewset = model.snippet_viewset
        addresses.append(reverse(viewset.get_url_name("list")))
        if viewset.permission_policy.user_has_permission(client.user, "add"):
            addresses.append(reverse(viewset.get_url_name("add")))
    request = rf.get("/admin/")
    request.user = client.user
    addresses += menu_urls(admin_menu.menu_items_for_request(request), request)
    return list(dict.fromkeys(addresses))


def test_no_admin_page_sends_inline_script_or_style(client, rf, home_page, admin_user):
    client.force_login(admin_user)
    client.user = admin_user
    addresses = admin_addresses(client, rf, home_page)
    assert len(addresses) > 30
    offenders = {}
    for address in addresses:
        response = client.get(address, follow=True)
        assert response.status_code == 200, address
        if found := inline_code(response.text):
            offenders[address] = found
    assert offenders == {}
