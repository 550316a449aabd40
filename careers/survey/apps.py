from django.apps import AppConfig


class SurveyConfig(AppConfig):
    name = "careers.survey"
    label = "survey"
    verbose_name = "Khảo sát nguyện vọng"
    default_auto_field = "django.db.models.BigAutoField"
