"""Streaming leaves the careers app (see ``streaming.0001_initial``): the models leave the
careers app's state only. Their tables, now the streaming app's, keep their names and rows."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('careers', '0009_merge_quiz_figures'),
        ('streaming', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveField(
                    model_name='areareviewtask',
                    name='task_ptr',
                ),
                migrations.RemoveConstraint(
                    model_name='officerarea',
                    name='officer_area_one_unit',
                ),
                migrations.RemoveField(
                    model_name='statisticsindexpage',
                    name='page_ptr',
                ),
                migrations.RemoveField(
                    model_name='statisticsindexpage',
                    name='share_image',
                ),
                migrations.RemoveField(
                    model_name='streamingdashboardpage',
                    name='page_ptr',
                ),
                migrations.RemoveField(
                    model_name='streamingdashboardpage',
                    name='share_image',
                ),
                migrations.RemoveIndex(
                    model_name='streamingfigure',
                    name='careers_str_current_744d65_idx',
                ),
                migrations.DeleteModel(
                    name='AreaReviewTask',
                ),
                migrations.RemoveField(
                    model_name='officerarea',
                    name='district',
                ),
                migrations.RemoveField(
                    model_name='officerarea',
                    name='group',
                ),
                migrations.RemoveField(
                    model_name='officerarea',
                    name='province',
                ),
                migrations.DeleteModel(
                    name='StatisticsIndexPage',
                ),
                migrations.DeleteModel(
                    name='StreamingDashboardPage',
                ),
                migrations.RemoveField(
                    model_name='streamingfigure',
                    name='commune',
                ),
                migrations.RemoveField(
                    model_name='streamingfigure',
                    name='current_province',
                ),
                migrations.RemoveField(
                    model_name='streamingfigure',
                    name='district',
                ),
                migrations.RemoveField(
                    model_name='streamingfigure',
                    name='indicator',
                ),
                migrations.RemoveField(
                    model_name='streamingfigure',
                    name='latest_revision',
                ),
                migrations.RemoveField(
                    model_name='streamingfigure',
                    name='live_revision',
                ),
                migrations.RemoveField(
                    model_name='streamingfigure',
                    name='province',
                ),
                migrations.DeleteModel(
                    name='OfficerArea',
                ),
                migrations.DeleteModel(
                    name='StreamingIndicator',
                ),
                migrations.DeleteModel(
                    name='StreamingFigure',
                ),
            ],
            database_operations=[],
        ),
    ]
