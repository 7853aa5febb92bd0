"""REST API for the value-chain taxonomy."""

from django.db.models import Q
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from arvoketju.api.common import FactOut, Pagination, Ref
from arvoketju.provenance.selectors import visible

from .models import Competence, Stage, ValueChain

router = Router()


class ValueChainOut(FactOut):
    name_fi: str
    name_sv: str
    name_en: str


class StageOut(FactOut):
    value_chain: Ref
    kind: str
    parent: Ref | None = None
    order: int
    name_fi: str
    name_sv: str
    name_en: str
    description: str


class CompetenceOut(FactOut):
    value_chain: Ref
    term_fi: str
    term_sv: str
    term_en: str
    synonyms: list[str]
    stages: list[Ref]


class TaxonomyFilters(Schema):
    value_chain: str | None = Field(None, description="key of a value chain, e.g. battery")
    q: str | None = Field(None, description="part of a name, term or synonym")


@router.get("/value-chains", response=list[ValueChainOut])
def list_value_chains(request):
    return list(visible(ValueChain.objects.select_related("source"), request.user))


@router.get("/stages", response=list[StageOut], summary="Value-chain stages and cross-cutting themes, in order")
@paginate(Pagination)
def list_stages(request, filters: Query[TaxonomyFilters], kind: str | None = None):
    stages = visible(Stage.objects.select_related("source", "value_chain", "parent"), request.user)
    if filters.value_chain:
        stages = stages.filter(value_chain__key=filters.value_chain)
    if filters.q:
        stages = stages.filter(
            Q(name_fi__icontains=filters.q)
            | Q(name_en__icontains=filters.q)
            | Q(name_sv__icontains=filters.q)
            | Q(key=filters.q)
        )
    if kind:
        stages = stages.filter(kind=kind)
    return stages


@router.get("/competences", response=list[CompetenceOut], summary="The competence vocabulary")
@paginate(Pagination)
def list_competences(request, filters: Query[TaxonomyFilters], stage: str | None = None):
    competences = visible(Competence.objects.select_related("source", "value_chain"), request.user).prefetch_related(
        "stages"
    )
    if filters.value_chain:
        competences = competences.filter(value_chain__key=filters.value_chain)
    if filters.q:
        competences = [c for c in competences if _matches(c, filters.q)]
    if stage:
        competences = [c for c in competences if any(s.key == stage for s in c.stages.all())]
    return competences


def _matches(competence: Competence, text: str) -> bool:
    needle = text.casefold()
    terms = [competence.term_fi, competence.term_sv, competence.term_en, competence.key, *competence.synonyms]
    return any(needle in (term or "").casefold() for term in terms)
