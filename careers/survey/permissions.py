"""What the editors and the counsellors (giáo viên tư vấn) hold in the survey app.

Model permissions open the admin's menus; which rows a user sees is decided in
``careers.survey.access`` (a counsellor: their own school; an officer: their own area).
``website.roles`` grants these to the editors' and counsellors' groups.
"""

EDITOR_MODEL_PERMISSIONS = [
    ("survey", f"{action}_{model}")
    for model in ("surveytemplate", "generalschool", "counsellormembership")
    for action in ("add", "change", "delete", "view")
]

COUNSELLOR_PERMISSIONS = [
    ("wagtailadmin", "access_admin"),
    ("survey", "add_surveyround"),
    ("survey", "change_surveyround"),
    ("survey", "view_surveyround"),
    ("survey", "view_surveyanswer"),
]
