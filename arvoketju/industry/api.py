"""REST API for industrial areas, the pyramid model, viewpoints, best practices and investment cards."""

from decimal import Decimal

from ninja import Router
from ninja.pagination import paginate

from arvoketju.api.common import FactOut, Pagination, Ref
from arvoketju.provenance.selectors import visible

from .models import BestPractice, IndustrialArea, InvestmentCard, PyramidModel, Viewpoint

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

    @staticmethod
    def resolve_investor(obj):
        return None if obj.investor_confidential else obj.investor


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
    "/investment-cards",
    response=list[InvestmentCardOut],
    summary="Investment cards (restricted by default: anonymous callers see only public ones)",
)
@paginate(Pagination)
def list_investment_cards(request):
    return visible(InvestmentCard.objects.select_related("source", "area", "place", "investor", "stage"), request.user)
