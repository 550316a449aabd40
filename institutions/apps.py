from django.apps import AppConfig


class InstitutionsConfig(AppConfig):
    name = "institutions"
    verbose_name = "Cơ sở đào tạo"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.models.signals import post_save

        from careers.models import EnterpriseIndexPage
        from institutions.accounts import on_enterprise_index_saved

        post_save.connect(on_enterprise_index_saved, sender=EnterpriseIndexPage)
