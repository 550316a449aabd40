from django.apps import AppConfig, apps
from django.db.models.signals import post_delete, post_migrate, post_save


def _ensure_roles(sender, using="default", **kwargs):
    from django.contrib.auth.management import create_permissions

    from website.roles import ensure_roles

    # Our app migrates first; make sure every app's permissions exist before granting them.
    for app_config in apps.get_app_configs():
        create_permissions(app_config, verbosity=0, using=using)
    ensure_roles()


# What public pages show: the pages, the sites and settings, the snippets and figures pages
# read (occupations' groups, labour figures, hiring needs, streaming figures, partnerships,
# areas…), images, documents and tags. Not the survey's answers (the pages that count them
# say the time of their figure: careers.survey.streaming), the search rows (kept by the
# search app itself), nor the admin's own bookkeeping.
SHOWN_APPS = {
    "website", "careers", "streaming", "institutions",
    "wagtailcore", "wagtailimages", "wagtaildocs", "taggit",
}  # fmt: skip
NOT_SHOWN = {
    "wagtailcore.revision", "wagtailcore.workflowstate", "wagtailcore.taskstate",
    "wagtailcore.pagelogentry", "wagtailcore.modellogentry", "wagtailcore.pagesubscription",
    "wagtailcore.comment", "wagtailcore.commentreply", "wagtailcore.referenceindex",
    "wagtailcore.uploadedfile", "wagtailimages.rendition", "streaming.areareviewtask",
}  # fmt: skip


def _content_changed(sender, instance=None, **kwargs):
    from website.pagecache import new_generation

    if sender._meta.app_label in SHOWN_APPS and sender._meta.label_lower not in NOT_SHOWN:
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

        # What public pages cache across requests (menus, routes, fragments) is read again
        # after any change of what they show (a publish saves the page): SHOWN_APPS.
        post_save.connect(_content_changed, dispatch_uid="website-content-saved")
        post_delete.connect(_content_changed, dispatch_uid="website-content-deleted")
        post_page_move.connect(new_generation, dispatch_uid="website-page-moved")
        page_published.connect(sitemaps.purge, dispatch_uid="website-sitemap-published")
        page_unpublished.connect(sitemaps.purge, dispatch_uid="website-sitemap-unpublished")
        # Every foreign key to an administrative unit gets the searchable area choosers.
        register_form_fields()
