from django.apps import AppConfig, apps
from django.db.models.signals import post_migrate


def _ensure_roles(sender, using="default", **kwargs):
    from django.contrib.auth.management import create_permissions

    from website.roles import ensure_roles

    # Our app migrates first; make sure every app's permissions exist before granting them.
    for app_config in apps.get_app_configs():
        create_permissions(app_config, verbosity=0, using=using)
    ensure_roles()


class WebsiteConfig(AppConfig):
    name = "website"
    verbose_name = "Trang chung"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db import models

        from wagtail.admin.forms.models import register_form_field_override

        from website.area_choosers import register_form_fields
        from website.slugs import SlugField, SlugInput

        post_migrate.connect(_ensure_roles, sender=self)
        # Every slug edited in the admin (pages, snippets) is transliterated the Vietnamese way.
        register_form_field_override(
            models.SlugField, override={"widget": SlugInput, "form_class": SlugField}
        )
        # Every foreign key to an administrative unit gets the searchable area choosers.
        register_form_fields()
