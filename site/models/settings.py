from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

from website.pagecache import cached, site_for_request


@register_setting(icon="site")
class SiteSettings(BaseSiteSetting):
    """The portal's name, contacts and social links, shown in the header and footer."""

    site_name = models.CharField(_("tên cổng thông tin"), max_length=100, default="Hướng nghiệp")
    tagline = models.CharField(_("khẩu hiệu"), max_length=200, blank=True)
    organisation = models.CharField(
        _("đơn vị quản lý"),
        max_length=200,
        blank=True,
        help_text=_("Ví dụ: Sở Giáo dục và Đào tạo tỉnh …"),
    )
    address = models.CharField(_("địa chỉ"), max_length=250, blank=True)
    phone = models.CharField(_("điện thoại"), max_length=30, blank=True)
    email = models.EmailField(_("thư điện tử"), blank=True)
    facebook_url = models.URLField(_("trang Facebook"), blank=True)
    zalo_url = models.URLField(_("Zalo OA"), blank=True)
    youtube_url = models.URLField(_("kênh YouTube"), blank=True)

    panels = [
        MultiFieldPanel(
            [FieldPanel("site_name"), FieldPanel("tagline"), FieldPanel("organisation")],
            heading=_("Cổng thông tin"),
        ),
        MultiFieldPanel(
            [FieldPanel("address"), FieldPanel("phone"), FieldPanel("email")],
            heading=_("Liên hệ"),
        ),
        MultiFieldPanel(
            [FieldPanel("facebook_url"), FieldPanel("zalo_url"), FieldPanel("youtube_url")],
            heading=_("Mạng xã hội"),
        ),
    ]

    class Meta:
        verbose_name = _("thông tin cổng")

    def __str__(self):
        return self.site_name

    @classmethod
    def for_request(cls, request):
        """The settings every page's header and footer read, cached per change of them
        (``website.pagecache``) rather than read from the database on every page view."""
        attribute = cls.get_cache_attr_name()
        if not hasattr(request, attribute):
            site = site_for_request(request)
            if site is None:
                return super().for_request(request)
            instance = cached(request, f"site-settings:{site.pk}", lambda: cls.for_site(site))
            instance._request = request
            setattr(request, attribute, instance)
        return getattr(request, attribute)

    @property
    def social_links(self):
        links = [
            ("Facebook", self.facebook_url),
            ("Zalo", self.zalo_url),
            ("YouTube", self.youtube_url),
        ]
        return [(name, url) for name, url in links if url]
