"""Who sees which survey rounds, answers, results and contact requests.

* a **counsellor** (``CounsellorMembership``) sees and runs the rounds of their own school,
  and reads its results (classes included);
* a **data officer** of a current province or a legacy district (the streaming figures'
  officers, ``OfficerArea``) reads the results of the schools in their area — a province
  officer the schools whose ``province`` is theirs, a district officer those whose legacy
  ``district`` is theirs — by school, never by class, and never another area;
* **vocational school staff** see the contact requests that name their own institution;
* superusers see everything. Anybody else sees nothing.

Every view, export and action asks these functions; none filters on its own.
"""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.db.models import Q

from careers.streaming import access as streaming_access
from careers.survey.models import ContactRequest, CounsellorMembership, SurveyRound
from institutions.permissions import school_institutions
from website.roles import COUNSELLORS


@dataclass(frozen=True)
class Scope:
    """What a user may read: everything, one school, or areas (current provinces, legacy
    districts)."""

    everything: bool = False
    school_id: int | None = None
    province_ids: frozenset = frozenset()
    district_ids: frozenset = frozenset()

    @property
    def empty(self):
        return not (self.everything or self.school_id or self.province_ids or self.district_ids)

    def answers_filter(self):
        """A Q over SurveyAnswer (or any model with ``school``, ``province``, ``district``)."""
        if self.everything:
            return Q()
        if self.school_id:
            return Q(school_id=self.school_id)
        return Q(province_id__in=self.province_ids) | Q(district_id__in=self.district_ids)

    def schools_filter(self):
        """The same scope over GeneralSchool."""
        if self.everything:
            return Q()
        if self.school_id:
            return Q(pk=self.school_id)
        return Q(province_id__in=self.province_ids) | Q(district_id__in=self.district_ids)


def counsellor_school_id(user):
    """The id of the school ``user`` is counsellor of, or None; cached on the user."""
    if not user.is_authenticated or not user.is_active:
        return None
    if not hasattr(user, "_counsellor_school_id"):
        user._counsellor_school_id = (
            CounsellorMembership.objects.filter(user=user)
            .values_list("school_id", flat=True)
            .first()
        )
    return user._counsellor_school_id


def officer_areas(user):
    """(current province ids, legacy district ids) of a data officer's areas: the streaming
    figures' officers (``careers.streaming.access``) read the survey of the same areas."""
    areas = streaming_access.user_areas(user)
    return areas.province_ids, areas.district_ids


def user_scope(user):
    """The results ``user`` may read, cached on the user object for the request."""
    cached = getattr(user, "_survey_scope", None)
    if cached is not None:
        return cached
    if not user.is_authenticated or not user.is_active:
        scope = Scope()
    elif user.is_superuser:
        scope = Scope(everything=True)
    elif school_id := counsellor_school_id(user):
        scope = Scope(school_id=school_id)
    else:
        provinces, districts = officer_areas(user)
        scope = Scope(province_ids=provinces, district_ids=districts)
    user._survey_scope = scope
    return scope


def area_names(scope):
    """The names of a scope's areas, for headings and exports."""
    from website.models.areas import District, Province

    names = list(Province.objects.filter(pk__in=scope.province_ids).values_list("name", flat=True))
    names += [
        str(item)
        for item in District.objects.filter(pk__in=scope.district_ids).select_related("province")
    ]
    return ", ".join(sorted(names))


def sees_classes(user):
    """Whether ``user`` may see class-level results (counsellors and superusers: the school
    level; officers see schools, never a class)."""
    scope = user_scope(user)
    return scope.everything or scope.school_id is not None


def rounds_for(user):
    """The rounds ``user`` may open: a counsellor's school's, or all for a superuser."""
    scope = user_scope(user)
    if scope.everything:
        return SurveyRound.objects.all()
    if scope.school_id:
        return SurveyRound.objects.filter(school_id=scope.school_id)
    return SurveyRound.objects.none()


def can_open_rounds(user):
    return counsellor_school_id(user) is not None


def can_read_results(user):
    return not user_scope(user).empty


def contact_requests_for(user):
    """The live contact requests that name one of ``user``'s vocational institutions."""
    if user.is_superuser:
        return ContactRequest.objects.visible()
    return (
        ContactRequest.objects.visible()
        .filter(institutions__in=school_institutions(user).values("pk"))
        .distinct()
    )


def can_see_contact_requests(user):
    return user.is_superuser or school_institutions(user).exists()


def create_counsellor(username, school, *, name="", password=None):
    """Create (or move) a counsellor's account, tied to ``school``; (user, created)."""
    with transaction.atomic():
        user, created = get_user_model().objects.get_or_create(
            username=username, defaults={"first_name": name, "email": f"{username}@example.com"}
        )
        if created:
            if password:
                user.set_password(password)
            else:
                user.set_unusable_password()
            user.save()
        user.groups.add(Group.objects.get(name=COUNSELLORS))
        CounsellorMembership.objects.update_or_create(user=user, defaults={"school": school})
    return user, created
