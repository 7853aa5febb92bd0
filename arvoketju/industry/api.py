"""REST API for industrial areas, the pyramid model, viewpoints, best practices and investment cards."""

from datetime import date
from decimal import Decimal

from ninja import Router, Schema
from ninja.pagination import paginate

from arvoketju.api.common import FactOut, Pagination, Ref, visible_link
from arvoketju.provenance.selectors import visible

from .models import Assessment, BestPractice, IndustrialArea, PyramidModel, Viewpoint
from .selectors import card_list, investor_shown

router = Router()


class IndustrialAreaOut(FactOut):
    name: str
    operator: Ref | None = None
    place: Ref | None = None
    total_area_ha: Decimal | None = None
    free_land_ha: Decimal | None = None
    grid_capacity_mw: Decimal | None = None
    port: bool | None = None
    rail: bool | None = None
    road: bool | None = None
    energy: str
    water: str
    permits: str
    services: str
    safety: str
    description: str

    @staticmethod
    def resolve_operator(obj, context):
        return visible_link(obj.operator, context)


class PyramidElementOut(FactOut):
    kind: str
    level: Ref | None = None
    order: int
    name_fi: str
    name_sv: str
    name_en: str
    description: str


class PyramidModelOut(FactOut):
    name: str
    scale_min: int
    scale_max: int
    elements: list[PyramidElementOut]

    @staticmethod
    def resolve_elements(obj, context):
        return visible(obj.elements.select_related("source", "level"), context["request"].user)


class ViewpointOut(FactOut):
    element: Ref | None = None
    event: Ref | None = None
    text: str


class BestPracticeOut(FactOut):
    title: str
    description: str
    elements: list[Ref]
    event: Ref | None = None


class AssessmentOut(FactOut):
    area: Ref
    element: Ref
    score: int
    assessed_on: date
    evidence: str
    assessor: str


class StatusChangeOut(Schema):
    status: str
    changed_on: date


class InvestmentCardOut(FactOut):
    name: str
    area: Ref | None = None
    place: Ref | None = None
    investor: Ref | None = None
    stage: Ref | None = None
    status: str
    capex_meur: Decimal | None = None
    jobs: int | None = None
    need_electricity_mw: Decimal | None = None
    need_land_ha: Decimal | None = None
    status_history: list[StatusChangeOut]

    @staticmethod
    def resolve_investor(obj, context):
        return investor_shown(obj, context["request"].user)

    @staticmethod
    def resolve_status_history(obj):
        return obj.history


@router.get("/industrial-areas", response=list[IndustrialAreaOut], summary="Industrial areas and parks")
@paginate(Pagination)
def list_areas(request):
    return visible(IndustrialArea.objects.select_related("source", "operator", "place"), request.user)


@router.get("/pyramid-models", response=list[PyramidModelOut], summary="Pyramid models with their elements")
def list_pyramid_models(request):
    return list(visible(PyramidModel.objects.select_related("source"), request.user))


@router.get("/viewpoints", response=list[ViewpointOut], summary="Workshop viewpoints placed on the pyramid")
@paginate(Pagination)
def list_viewpoints(request):
    return visible(Viewpoint.objects.select_related("source", "element", "event"), request.user)


@router.get("/best-practices", response=list[BestPracticeOut])
@paginate(Pagination)
def list_best_practices(request):
    return visible(BestPractice.objects.select_related("source", "event"), request.user).prefetch_related("elements")


@router.get(
    "/assessments", response=list[AssessmentOut], summary="Assessments of areas on the pyramid aspects, by date"
)
@paginate(Pagination)
def list_assessments(request):
    return visible(Assessment.objects.select_related("source", "area", "element"), request.user).order_by(
        "area", "element", "assessed_on"
    )


@router.get(
    "/investment-cards",
    response=list[InvestmentCardOut],
    summary="Investment cards with their status history (restricted by default: anonymous callers see public ones)",
)
@paginate(Pagination)
def list_investment_cards(request):
    return card_list(user=request.user)
