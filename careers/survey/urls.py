from django.urls import path

from careers.survey import views

urlpatterns = [
    path("rut-yeu-cau/<str:token>/", views.withdraw, name="survey_withdraw"),
    path("<str:code>/", views.answer, name="survey_answer"),
]
