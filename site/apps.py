from django.apps import AppConfig, apps
from django.db.models.signals import post_delete, post_migrate, post_save


def _ensure_roles(sender, using="default", **kwargs):
    from django.contrib.auth.management import create_permissions

    from website.roles import ensure_roles

    # Our app migrates first; make sure every app's permissions exist before granting them.
    for app_config in apps.get_app_configs():
        create_permissions(app_config, verbosity=0, using=using)
    ensure_roles()


def _content_changed(sender, instance=None, **kwargs):
    from wagtail.models import Page, Site

    from website.models import SiteSettings
    from website.pagecache import new_generation

    if isinstance(instance, Page | Site | SiteSettings):
        new_generation()


class WebsiteConfig(AppConfig):
    name = "website"
    verbose_name = "Trang chung"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db import models

        from wagtail.admin.forms.models import register_form_field_override

        from website import checks  # noqa: F401 — registers the deploy check
        from website.area_choosers import register_form_fields
        from website.slugs import SlugField, SlugInput

        post_migrate.connect(_ensure_roles, sender=self)
        # Every slug edited in the admin (pages, snippets) is transliterated the Vietnamese way.
        register_form_field_override(
            models.SlugField, override={"widget": SlugInput, "form_class": SlugField}
        )
        from wagtail.signals import page_published, page_unpublished, post_page_move

        from website import sitemaps
        from website.pagecache import new_generation

        # What public pages cache across requests is read again after any change of a
        # page (a publish saves the page), a site or the site settings.
        post_save.connect(_content_changed, dispatch_uid="website-content-saved")
        post_delete.connect(_content_changed, dispatch_uid="website-content-deleted")
        post_page_move.connect(new_generation, dispatch_uid="website-page-moved")
        page_published.connect(sitemaps.purge, dispatch_uid="website-sitemap-published")
        page_unpublished.connect(sitemaps.purge, dispatch_uid="website-sitemap-unpublished")
        # Every foreign key to an administrative unit gets the searchable area choosers.
        register_form_fields()
