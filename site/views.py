from django.shortcuts import render
from django.urls import reverse

from wagtail.models import Site


def robots_txt(request):
    """The sitemap's address is the site's configured one (Settings → Sites), as every
    absolute link is."""
    site = Site.find_for_request(request) or Site.objects.get(is_default_site=True)
    sitemap = site.root_url + reverse("sitemap")
    return render(
        request, "robots.txt", {"sitemap": sitemap}, content_type="text/plain; charset=utf-8"
    )
