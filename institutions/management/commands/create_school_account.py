from django.core.management.base import BaseCommand, CommandError

from institutions.accounts import AccountError, create_school_account
from institutions.models import InstitutionPage


class Command(BaseCommand):
    help = "Tạo tài khoản cán bộ trường: nhóm, thư mục ảnh và quyền chỉ trên trang của trường."

    def add_arguments(self, parser):
        parser.add_argument("institution", help="đường dẫn (slug) của trang trường")
        parser.add_argument("username", help="tên đăng nhập")
        parser.add_argument("--email", default="")
        parser.add_argument("--name", default="", help="họ tên")

    def handle(self, *args, **options):
        institution = InstitutionPage.objects.filter(slug=options["institution"]).first()
        if institution is None:
            raise CommandError(f"Không có trường với đường dẫn “{options['institution']}”.")
        try:
            account = create_school_account(
                institution, options["username"], email=options["email"], name=options["name"]
            )
        except AccountError as error:
            raise CommandError(str(error)) from error
        if account.created:
            self.stdout.write(
                f"Đã tạo “{account.user.username}” cho {institution.title}. "
                f"Mật khẩu (chỉ hiện một lần): {account.password}"
            )
        else:
            self.stdout.write(f"“{account.user.username}” đã là cán bộ của {institution.title}.")
