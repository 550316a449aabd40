from django.apps import AppConfig


class CareersConfig(AppConfig):
    name = "careers"
    verbose_name = "Nghề nghiệp và thị trường lao động"
    default_auto_field = "django.db.models.BigAutoField"
