"""REST API for capabilities, declared specialisations and infrastructure."""

from django.http import Http404
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from arvoketju.actors.selectors import organisation_resolve
from arvoketju.api.common import Pagination
from arvoketju.places.selectors import place_resolve

from .schemas import CapabilityOut, DeclarationOut, InfrastructureOut
from .selectors import capability_list, declaration_list, infrastructure_list

router = Router()


class CapabilityFilters(Schema):
    organisation: str | None = Field(None, description="id, key, name or alias")
    place: str | None = Field(None, description="the place itself or organisations based there")
    stage: str | None = Field(None, description="stage, theme or competence key")
    kind: str | None = Field(None, description="research, education, production, service or infrastructure")
    status: str | None = Field(None, description="active or potential")
    basis: str | None = Field(None, description="stated or derived")


@router.get("/capabilities", response=list[CapabilityOut], summary="Capabilities: who does what, active or potential")
@paginate(Pagination)
def list_capabilities(request, filters: Query[CapabilityFilters]):
    values = filters.dict()
    if values["organisation"]:
        found = organisation_resolve(ref=values["organisation"], user=request.user)
        if found is None:
            raise Http404(f"no organisation '{values['organisation']}'")
        values["organisation"] = found
    if values["place"]:
        found = place_resolve(ref=values["place"], user=request.user)
        if found is None:
            raise Http404(f"no place '{values['place']}'")
        values["place"] = found
    return capability_list(user=request.user, **values)


@router.get("/declarations", response=list[DeclarationOut], summary="Declared regional specialisations")
@paginate(Pagination)
def list_declarations(request, place: str | None = None):
    found = None
    if place:
        found = place_resolve(ref=place, user=request.user)
        if found is None:
            raise Http404(f"no place '{place}'")
    return declaration_list(user=request.user, place=found)


@router.get("/infrastructures", response=list[InfrastructureOut], summary="Laboratories, pilot plants, test beds")
@paginate(Pagination)
def list_infrastructures(request):
    return infrastructure_list(user=request.user)
