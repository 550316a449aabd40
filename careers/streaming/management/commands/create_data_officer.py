from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from careers.streaming.access import create_data_officer, find_area


class Command(BaseCommand):
    help = (
        "Tạo tài khoản cán bộ số liệu phân luồng cho một tỉnh (từ 01/7/2025) hoặc một quận, "
        "huyện (trước 01/7/2025); cán bộ chỉ sửa được số liệu của địa bàn mình."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        area = parser.add_mutually_exclusive_group(required=True)
        area.add_argument("--province", help="đường dẫn (slug) của tỉnh, ví dụ tay-ninh")
        area.add_argument("--district", help="mã quận, huyện cũ, ví dụ 794 (Tân An, Long An)")
        parser.add_argument("--name", default="", help="họ tên")

    def handle(self, *args, username, province, district, name, **options):
        try:
            province_unit, district_unit = find_area(province_slug=province, district_code=district)
            user, group, created = create_data_officer(
                username, province=province_unit, district=district_unit, name=name
            )
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        verb = "Đã tạo" if created else "Đã cập nhật"
        self.stdout.write(self.style.SUCCESS(f"{verb} tài khoản “{user}” trong nhóm “{group}”."))
        if created:
            self.stdout.write(f"Đặt mật khẩu: manage.py changepassword {user.username}")
