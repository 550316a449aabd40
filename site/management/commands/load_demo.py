from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.urls import reverse
from django.utils.translation import gettext as _

from careers.demo import CAREERS_DEMO
from careers.streaming.demo import STREAMING_DEMO
from careers.survey.demo import SURVEY_DEMO
from institutions.demo import INSTITUTIONS_DEMO
from website.demo import SITE_DEMO, MissingDemoData, load_demo

# Each app's demo, in the order they refer to each other: programmes name occupations, the
# site's events name schools of the directory, and the site orders the home page's sections.
DEMOS = [CAREERS_DEMO, STREAMING_DEMO, SURVEY_DEMO, INSTITUTIONS_DEMO, SITE_DEMO]


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
            summary = load_demo(*DEMOS, stdout=self.stdout)
        except MissingDemoData as error:
            raise CommandError(str(error)) from error

        if summary.created:
            counts = ", ".join(f"{number} {label}" for label, number in summary.created.items())
            self.stdout.write(self.style.SUCCESS(_("Đã nạp nội dung mẫu: %s.") % counts))
        else:
            self.stdout.write(self.style.SUCCESS(_("Nội dung mẫu đã có đủ: không tạo thêm gì.")))

        admin_url = settings.WAGTAILADMIN_BASE_URL + reverse("wagtailadmin_home")
        self.stdout.write(_("Đăng nhập trang quản trị: %s") % admin_url)
        for account in summary.accounts:
            self.stdout.write(
                _("  tài khoản %(username)s, mật khẩu %(password)s – %(role)s")
                % {"username": account.username, "password": account.password, "role": account.role}
            )
        self.stdout.write(_("Các tài khoản này chỉ để thử trên máy của bạn, không dùng thật."))
