"""REST API for organisations."""

from django.core.exceptions import ValidationError
from django.http import Http404
from ninja import Field, Path, Query, Router, Schema
from ninja.pagination import paginate

from arvoketju.accounts.permissions import NotAllowed, require_write_access
from arvoketju.api.common import ErrorOut, FactOut, Pagination, Ref, Sourced, visible_link
from arvoketju.places.selectors import place_resolve
from arvoketju.provenance.selectors import visible
from arvoketju.provenance.services import Actor, ConflictError

from .selectors import organisation_list, organisation_resolve
from .services import organisation_update

router = Router()


class AliasOut(Sourced):
    name: str
    kind: str


class IdentifierOut(Sourced):
    scheme: str
    value: str


class OrganisationOut(FactOut):
    version: int
    name: str
    short_name: str
    type: str
    home_place: Ref | None = None
    parent: Ref | None = None
    is_sme: bool | None = None
    website: str
    aliases: list[AliasOut]
    identifiers: list[IdentifierOut]

    @staticmethod
    def resolve_parent(obj, context):
        return visible_link(obj.parent, context)

    @staticmethod
    def resolve_aliases(obj, context):
        return visible(obj.aliases.select_related("source"), context["request"].user)

    @staticmethod
    def resolve_identifiers(obj, context):
        return visible(obj.identifiers.select_related("source"), context["request"].user)


class SiteOut(Sourced):
    place: Ref
    name: str


class OrganisationDetailOut(OrganisationOut):
    description: str
    sites: list[SiteOut]
    units: list[Ref]

    @staticmethod
    def resolve_sites(obj, context):
        return visible(obj.sites.select_related("place", "source"), context["request"].user)

    @staticmethod
    def resolve_units(obj, context):
        return list(visible(obj.units.all(), context["request"].user))


class OrganisationFilters(Schema):
    q: str | None = Field(None, description="part of a name, short name or alias (case-insensitive)")
    type: str | None = Field(None, description="organisation type, e.g. university, uas, company")
    place: str | None = Field(None, description="home place or site: name, code or key of a place")
    parent: str | None = Field(None, description="units of this organisation (id, key, name or alias)")


@router.get("/organisations", response=list[OrganisationOut], summary="List and search organisations")
@paginate(Pagination)
def list_organisations(request, filters: Query[OrganisationFilters]):
    return organisation_list(user=request.user, **filters.dict()).prefetch_related(
        "aliases__source", "identifiers__source"
    )


ORGANISATION_REF = Path(..., description="id, key, name or alias", examples=["centria"])


@router.get(
    "/organisations/{org}", response=OrganisationDetailOut, summary="One organisation by id, key, name or alias"
)
def get_organisation(request, org: str = ORGANISATION_REF):
    organisation = organisation_resolve(ref=org, user=request.user)
    if organisation is None:
        raise Http404(f"no organisation '{org}'")
    return organisation


class OrganisationPatch(Schema):
    """Fields an editor or the organisation's representative may change, with the version they saw."""

    version: int = Field(..., description="the `version` you loaded; a newer stored version is a conflict (409)")
    short_name: str | None = None
    website: str | None = None
    description: str | None = None
    is_sme: bool | None = None
    home_place: str | None = Field(None, description="place key, code or name")


@router.patch(
    "/organisations/{org}",
    response={200: OrganisationDetailOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 400: ErrorOut},
    summary="Change an organisation (editors; representatives for their own organisation)",
)
def patch_organisation(request, patch: OrganisationPatch, org: str = ORGANISATION_REF):
    organisation = organisation_resolve(ref=org, user=request.user)
    if organisation is None:
        raise Http404(f"no organisation '{org}'")
    try:
        require_write_access(request, organisation)
    except NotAllowed as exc:
        return exc.status, {"ok": False, "errors": [str(exc)]}
    changes = patch.dict(exclude_unset=True)
    expected = changes.pop("version")
    if "home_place" in changes and changes["home_place"] is not None:
        place = place_resolve(ref=changes["home_place"], user=request.user)
        if place is None:
            return 400, {"ok": False, "errors": [f"home_place: no place '{changes['home_place']}'"]}
        changes["home_place"] = place
    try:
        return 200, organisation_update(
            organisation=organisation, actor=Actor.for_user(request.user), expected_version=expected, changes=changes
        )
    except ConflictError as exc:
        return 409, {"ok": False, "errors": [str(exc)]}
    except ValidationError as exc:
        messages = [f"{field}: {'; '.join(errors)}" for field, errors in exc.message_dict.items()]
        return 400, {"ok": False, "errors": messages}
