from django.apps import AppConfig


class InstitutionsConfig(AppConfig):
    name = "institutions"
    verbose_name = "Cơ sở đào tạo"
    default_auto_field = "django.db.models.BigAutoField"
