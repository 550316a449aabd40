from django.core.management.base import BaseCommand, CommandError

from careers.survey.access import create_counsellor
from careers.survey.models import GeneralSchool


class Command(BaseCommand):
    help = "Tạo (hoặc chuyển trường) tài khoản giáo viên tư vấn của một trường phổ thông."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--school", type=int, required=True, help="mã (id) trường phổ thông")
        parser.add_argument("--name", default="", help="họ tên")

    def handle(self, *args, username, school, name, **options):
        found = GeneralSchool.objects.filter(pk=school).first()
        if found is None:
            raise CommandError(f"Không có trường phổ thông mã {school}.")
        user, created = create_counsellor(username, found, name=name)
        verb = "Đã tạo" if created else "Đã cập nhật"
        self.stdout.write(f"{verb} giáo viên tư vấn {user.username} của {found.name}.")
