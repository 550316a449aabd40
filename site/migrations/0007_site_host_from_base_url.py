"""The default site was made (0002) with hostname "localhost" and port 80, so every absolute
link Wagtail builds from it (canonical, sitemap, .ics, API) named localhost whatever the site
was served at. Point it at the configured address, WAGTAILADMIN_BASE_URL, unless it has been
changed since (Settings → Sites)."""

from urllib.parse import urlsplit

from django.conf import settings
from django.db import migrations


def use_the_configured_host(apps, schema_editor):
    Site = apps.get_model("wagtailcore", "Site")
    address = urlsplit(settings.WAGTAILADMIN_BASE_URL)
    if not address.hostname:
        return
    port = address.port or (443 if address.scheme == "https" else 80)
    Site.objects.filter(is_default_site=True, hostname="localhost", port=80).update(
        hostname=address.hostname, port=port
    )


class Migration(migrations.Migration):
    dependencies = [("website", "0006_editors_area_search_name")]

    operations = [migrations.RunPython(use_the_configured_host, migrations.RunPython.noop)]
