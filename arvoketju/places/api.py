"""REST API for places and their declared specialisations."""

from django.http import Http404
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from arvoketju.api.common import FactOut, Pagination, Ref
from arvoketju.capabilities.schemas import DeclarationOut
from arvoketju.capabilities.selectors import declaration_list

from .selectors import place_list, place_resolve

router = Router()


class PlaceOut(FactOut):
    kind: str
    code: str
    name_fi: str
    name_sv: str
    name_en: str
    aliases: list[str]
    parent: Ref | None = None
    grouping_kind: str
    latitude: float | None = None
    longitude: float | None = None
    coordinates_source: str


class PlaceDetailOut(PlaceOut):
    members: list[Ref] = Field(default_factory=list)
    groupings: list[Ref] = Field(default_factory=list)

    @staticmethod
    def resolve_members(obj):
        return [m.member for m in obj.memberships.select_related("member")]

    @staticmethod
    def resolve_groupings(obj):
        return [m.group for m in obj.groupings.select_related("group")]


class PlaceFilters(Schema):
    q: str | None = Field(None, description="name in any language, code or key")
    kind: str | None = Field(None, description="country, region, municipality, locality or grouping")
    region: str | None = Field(None, description="region name, code or key")


@router.get("/places", response=list[PlaceOut], summary="List places")
@paginate(Pagination)
def list_places(request, filters: Query[PlaceFilters]):
    return place_list(user=request.user, **filters.dict())


def _place_or_404(request, name):
    place = place_resolve(ref=name, user=request.user)
    if place is None:
        raise Http404(f"no place '{name}'")
    return place


@router.get("/places/{name}", response=PlaceDetailOut, summary="One place by key, code or name")
def get_place(request, name: str):
    return _place_or_404(request, name)


@router.get(
    "/places/{name}/specialisations", response=list[DeclarationOut], summary="Declared specialisations of a place"
)
def place_specialisations(request, name: str):
    return list(declaration_list(user=request.user, place=_place_or_404(request, name)))
