from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.urls import reverse
from django.utils.translation import gettext as _

from wagtail.models import Site

from careers.demo import load_careers_demo
from careers.streaming.demo import demo_data_officer_accounts, load_streaming_demo
from institutions.demo import load_institutions_demo
from website.demo import (
    MissingAdminUnits,
    link_event_participants,
    link_sections,
    load_demo,
    order_sections,
)
from website.library_demo import load_library_demo

LOCAL_SERVER = "http://127.0.0.1:8000"


class Command(BaseCommand):
    help = "Nạp nội dung mẫu và các tài khoản thử; chạy lại nhiều lần không tạo trùng."

    def handle(self, *args, **options):
        if not settings.ALLOW_DEMO_CONTENT:
            raise CommandError(
                _(
                    "Nội dung mẫu tạo tài khoản với mật khẩu công khai: chỉ nạp trên máy "
                    "phát triển (ALLOW_DEMO_CONTENT chưa bật trong cấu hình này)."
                )
            )
        try:
            summary = load_demo()
        except MissingAdminUnits as error:
            raise CommandError(str(error)) from error
        home = Site.objects.get(is_default_site=True).root_page.specific
        load_careers_demo(home, self.stdout)
        load_streaming_demo(home, self.stdout)
        school_accounts = load_institutions_demo(home, self.stdout)
        link_event_participants(home)
        load_library_demo(home)
        order_sections(home)
        link_sections(home)
        accounts = [*summary.accounts, *school_accounts, *demo_data_officer_accounts()]

        if summary.created:
            counts = ", ".join(f"{number} {label}" for label, number in summary.created.items())
            self.stdout.write(self.style.SUCCESS(_("Đã nạp nội dung mẫu: %s.") % counts))
        else:
            self.stdout.write(self.style.SUCCESS(_("Nội dung mẫu đã có đủ: không tạo thêm gì.")))

        admin_url = LOCAL_SERVER + reverse("wagtailadmin_home")
        self.stdout.write(_("Đăng nhập trang quản trị: %s") % admin_url)
        for account in accounts:
            self.stdout.write(
                _("  tài khoản %(username)s, mật khẩu %(password)s – %(role)s")
                % {"username": account.username, "password": account.password, "role": account.role}
            )
        self.stdout.write(_("Các tài khoản này chỉ để thử trên máy của bạn, không dùng thật."))
