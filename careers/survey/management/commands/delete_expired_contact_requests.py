from django.core.management.base import BaseCommand

from careers.survey.answering import delete_expired


class Command(BaseCommand):
    help = "Xoá khỏi cơ sở dữ liệu các yêu cầu liên hệ đã quá ngày giữ của đợt khảo sát."

    def handle(self, *args, **options):
        count = delete_expired()
        self.stdout.write(f"Đã xoá {count} yêu cầu liên hệ hết hạn.")
