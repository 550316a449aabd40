from django.apps import AppConfig


class SurveyConfig(AppConfig):
    name = "careers.survey"
    label = "survey"
    verbose_name = "Khảo sát nguyện vọng"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from careers.survey import counts  # noqa: F401 — connects the class-deletion receiver
