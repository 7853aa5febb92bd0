"""REST API for competence needs and education programmes."""

from ninja import Router
from ninja.pagination import paginate

from arvoketju.api.common import FactOut, Pagination, Ref
from arvoketju.provenance.selectors import visible

from .models import CompetenceNeed, EducationProgramme

router = Router()


class CompetenceNeedOut(FactOut):
    need: str
    competence: Ref | None = None
    stage: Ref | None = None
    place: Ref | None = None
    horizon: str
    event: Ref | None = None


class EducationProgrammeOut(FactOut):
    provider: Ref
    name: str
    level: str
    place: Ref | None = None
    stages: list[Ref]
    competences: list[Ref]


@router.get("/competence-needs", response=list[CompetenceNeedOut], summary="Skills the industry needs")
@paginate(Pagination)
def list_needs(request):
    return visible(
        CompetenceNeed.objects.select_related("source", "competence", "stage", "place", "event"), request.user
    )


@router.get("/education-programmes", response=list[EducationProgrammeOut], summary="Education supply")
@paginate(Pagination)
def list_programmes(request):
    return visible(
        EducationProgramme.objects.select_related("source", "provider", "place"), request.user
    ).prefetch_related("stages", "competences")
