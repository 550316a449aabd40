from django.apps import AppConfig


class StreamingConfig(AppConfig):
    name = "careers.streaming"
    label = "streaming"
    verbose_name = "Chỉ tiêu và kết quả phân luồng học sinh"
    default_auto_field = "django.db.models.BigAutoField"
