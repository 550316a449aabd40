"""Choices carry copies of their answer's class, school, areas, template, year and voided flag,
so results are counted over one table's indexes, without a join."""

import django.db.models.deletion
from django.db import migrations, models

COPIED = ["survey_class", "school", "province", "district", "template", "year", "voided"]


def copy_from_answers(apps, schema_editor):
    AnswerChoice = apps.get_model("survey", "AnswerChoice")
    SurveyAnswer = apps.get_model("survey", "SurveyAnswer")
    for answer in SurveyAnswer.objects.iterator(chunk_size=2000):
        AnswerChoice.objects.filter(answer_id=answer.pk).update(
            survey_class_id=answer.survey_class_id,
            school_id=answer.school_id,
            province_id=answer.province_id,
            district_id=answer.district_id,
            template_id=answer.template_id,
            year=answer.year,
            voided=answer.voided,
        )


def copied(model, null, on_delete):
    return models.ForeignKey(
        db_index=False, null=null, on_delete=on_delete, related_name="+", to=model
    )


class Migration(migrations.Migration):
    dependencies = [("survey", "0002_templates")]

    operations = [
        migrations.RemoveIndex(model_name="answerchoice", name="survey_choice_key"),
        migrations.AddField(
            "answerchoice", "survey_class", copied("survey.surveyclass", True, django.db.models.deletion.CASCADE)
        ),
        migrations.AddField(
            "answerchoice", "school", copied("survey.generalschool", True, django.db.models.deletion.CASCADE)
        ),
        migrations.AddField(
            "answerchoice", "province", copied("website.province", True, django.db.models.deletion.PROTECT)
        ),
        migrations.AddField(
            "answerchoice", "district", copied("website.district", True, django.db.models.deletion.SET_NULL)
        ),
        migrations.AddField(
            "answerchoice", "template", copied("survey.surveytemplate", True, django.db.models.deletion.PROTECT)
        ),
        migrations.AddField("answerchoice", "year", models.PositiveSmallIntegerField(null=True)),
        migrations.AddField("answerchoice", "voided", models.BooleanField(default=False)),
        migrations.RunPython(copy_from_answers, migrations.RunPython.noop),
        migrations.AlterField(
            "answerchoice", "survey_class", copied("survey.surveyclass", False, django.db.models.deletion.CASCADE)
        ),
        migrations.AlterField(
            "answerchoice", "school", copied("survey.generalschool", False, django.db.models.deletion.CASCADE)
        ),
        migrations.AlterField(
            "answerchoice", "province", copied("website.province", False, django.db.models.deletion.PROTECT)
        ),
        migrations.AlterField(
            "answerchoice", "template", copied("survey.surveytemplate", False, django.db.models.deletion.PROTECT)
        ),
        migrations.AlterField("answerchoice", "year", models.PositiveSmallIntegerField()),
        *(
            migrations.AddIndex(
                model_name="answerchoice",
                index=models.Index(
                    condition=models.Q(("voided", False)),
                    fields=[scope, "template", "year", "question", "code"],
                    name=f"survey_choice_{scope}",
                ),
            )
            for scope in ("province", "district", "school")
        ),
    ]
