from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from institutions.partners import link_named_partners


class Command(BaseCommand):
    help = (
        "Chuyển các doanh nghiệp liên kết ghi bằng chữ trên hồ sơ trường thành liên kết với "
        "doanh nghiệp trong danh bạ, khi tên trùng (không kể dấu, hoa thường)."
    )

    def handle(self, *args, **options):
        result = link_named_partners()
        self.stdout.write(_("Đã liên kết %(n)s doanh nghiệp.") % {"n": result.linked})
        for item in result.no_kind:
            self.stdout.write(
                _("Chưa rõ hình thức hợp tác, để biên tập viên chọn: %(item)s") % {"item": item}
            )
        for title in result.waiting:
            self.stdout.write(
                _("Bỏ qua %(school)s: hồ sơ đang có thay đổi chờ duyệt.") % {"school": title}
            )
