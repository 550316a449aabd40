"""Precomputed counts (``SurveyCount``), filled from the answers already given; void records
that say who restored an answer; the choice and answer indexes the results no longer read.

The fill is frozen here (plain SQL, no application code): one INSERT … SELECT … GROUP BY per
kind of scope and source. The scope columns and pseudo-question are those of
``careers.survey.counts`` as written on 1 December 2026: province rows (province, 0, 0, 0),
district rows (province, district, 0, 0) for answers with a district, school rows (province,
district or 0, school, 0), class rows (province, district or 0, school, class); the
pseudo-question "" counts "tong" (every answer), "co-tuyen" (with a route), "hoc-nghe" (a
vocational route), "mau" (sample data). Voided answers are not counted.
"""

import django.db.models.deletion
from django.db import migrations, models

SCOPES = {
    "p": ("a.province_id", "0", "0", "0", ""),
    "d": ("a.province_id", "a.district_id", "0", "0", "a.district_id IS NOT NULL"),
    "s": ("a.province_id", "COALESCE(a.district_id, 0)", "a.school_id", "0", ""),
    "c": ("a.province_id", "COALESCE(a.district_id, 0)", "a.school_id", "a.survey_class_id", ""),
}
PSEUDO = {
    "tong": "",
    "co-tuyen": "a.vocational IS NOT NULL",
    "hoc-nghe": "a.vocational",
    "mau": "a.is_sample",
}
COLUMNS = (
    "kind, province_id, district_id, school_id, survey_class_id, template_id, year, question, "
    "code, n"
)


def fill_counts(apps, schema_editor):
    connection = schema_editor.connection
    with connection.cursor() as cursor:
        for kind, (province, district, school, survey_class, only) in SCOPES.items():
            place = f"{province}, {district}, {school}, {survey_class}, a.template_id, a.year"
            # GROUP BY 0 would name a column by position: group by the expressions only.
            groups = ", ".join(
                column
                for column in (province, district, school, survey_class, "a.template_id", "a.year")
                if column != "0"
            )
            where = " AND ".join(filter(None, ["NOT a.voided", only]))
            cursor.execute(
                f"INSERT INTO survey_surveycount ({COLUMNS}) "
                f"SELECT '{kind}', {place}, c.question, c.code, COUNT(*) "
                "FROM survey_answerchoice c JOIN survey_surveyanswer a ON a.id = c.answer_id "
                f"WHERE {where} GROUP BY {groups}, c.question, c.code"
            )
            for code, condition in PSEUDO.items():
                pseudo_where = " AND ".join(filter(None, [where, condition]))
                cursor.execute(
                    f"INSERT INTO survey_surveycount ({COLUMNS}) "
                    f"SELECT '{kind}', {place}, '', '{code}', COUNT(*) "
                    f"FROM survey_surveyanswer a WHERE {pseudo_where} GROUP BY {groups}"
                )


class Migration(migrations.Migration):

    dependencies = [
        ('survey', '0003_choice_copies'),
    ]

    operations = [
        migrations.CreateModel(
            name='SurveyCount',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kind', models.CharField(choices=[('p', 'tỉnh'), ('d', 'quận, huyện cũ'), ('s', 'trường'), ('c', 'lớp')], max_length=1)),
                ('province_id', models.PositiveIntegerField()),
                ('district_id', models.PositiveIntegerField(default=0)),
                ('school_id', models.PositiveIntegerField(default=0)),
                ('survey_class_id', models.PositiveIntegerField(default=0)),
                ('year', models.PositiveSmallIntegerField()),
                ('question', models.CharField(max_length=12)),
                ('code', models.CharField(max_length=30)),
                ('n', models.IntegerField(default=0)),
            ],
            options={
                'verbose_name': 'số phiếu đã đếm',
                'verbose_name_plural': 'số phiếu đã đếm',
            },
        ),
        migrations.RemoveIndex(
            model_name='answerchoice',
            name='survey_choice_province',
        ),
        migrations.RemoveIndex(
            model_name='answerchoice',
            name='survey_choice_district',
        ),
        migrations.RemoveIndex(
            model_name='answerchoice',
            name='survey_choice_school',
        ),
        migrations.RemoveIndex(
            model_name='surveyanswer',
            name='survey_answer_province',
        ),
        migrations.RemoveIndex(
            model_name='surveyanswer',
            name='survey_answer_district',
        ),
        migrations.RemoveIndex(
            model_name='surveyanswer',
            name='survey_answer_school',
        ),
        migrations.AddField(
            model_name='answervoid',
            name='restored_at',
            field=models.DateTimeField(blank=True, null=True, verbose_name='khôi phục lúc'),
        ),
        migrations.AddField(
            model_name='answervoid',
            name='restored_by_name',
            field=models.CharField(blank=True, max_length=150, verbose_name='người khôi phục'),
        ),
        migrations.AlterField(
            model_name='answervoid',
            name='answer',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='voids', to='survey.surveyanswer'),
        ),
        migrations.AddField(
            model_name='surveycount',
            name='template',
            field=models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='survey.surveytemplate'),
        ),
        migrations.AddIndex(
            model_name='surveycount',
            index=models.Index(fields=['school_id', 'template', 'year'], name='survey_count_school'),
        ),
        migrations.AddIndex(
            model_name='surveycount',
            index=models.Index(fields=['district_id', 'template', 'year'], name='survey_count_district'),
        ),
        migrations.AddConstraint(
            model_name='surveycount',
            constraint=models.UniqueConstraint(fields=('kind', 'province_id', 'district_id', 'school_id', 'survey_class_id', 'template', 'year', 'question', 'code'), name='survey_count_key'),
        ),
        migrations.RunPython(fill_counts, migrations.RunPython.noop),
    ]
