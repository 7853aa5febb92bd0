"""Reads for the analyses: load what the user may see as plain records for the pure functions."""

from __future__ import annotations

from dataclasses import dataclass

from arvoketju.capabilities.models import Capability, SpecialisationDeclaration
from arvoketju.places.models import GroupingKind, Place, PlaceKind, PlaceMembership
from arvoketju.provenance.selectors import visible, visible_on
from arvoketju.taxonomy.models import Stage

from .matrix import CapabilityRecord, Cell, DeclarationRecord, PlaceNode, build_matrix, column_totals

COLUMN_LEVELS = ("region", "partner_cities", "municipality")


@dataclass
class MatrixView:
    """Everything a matrix page or download shows."""

    level: str
    stages: list  # Stage objects in value-chain order (themes last)
    columns: list  # Place objects
    cells: dict[tuple[int, int], Cell]
    totals: dict[int, dict[str, int]]

    def cell(self, stage_id: int, column_id: int) -> Cell | None:
        return self.cells.get((stage_id, column_id))


def place_nodes(user, *, as_of=None) -> dict[int, PlaceNode]:
    """Every visible place with its parent and grouping members (as on ``as_of`` when given)."""
    members: dict[int, list[int]] = {}
    for group_id, member_id in visible_on(PlaceMembership.objects.all(), user, as_of).values_list(
        "group_id", "member_id"
    ):
        members.setdefault(group_id, []).append(member_id)
    return {
        pk: PlaceNode(id=pk, kind=kind, parent_id=parent_id, member_ids=tuple(members.get(pk, ())))
        for pk, kind, parent_id in visible_on(Place.objects.all(), user, as_of).values_list("id", "kind", "parent_id")
    }


def _competence_stages() -> dict[int, tuple[int, ...]]:
    stages: dict[int, list[int]] = {}
    for competence_id, stage_id in Stage.competences.through.objects.values_list("competence_id", "stage_id"):
        stages.setdefault(competence_id, []).append(stage_id)
    return {k: tuple(v) for k, v in stages.items()}


def _topic_stages(obj, competence_stages) -> tuple[int, ...]:
    if obj.stage_id:
        return (obj.stage_id,)
    return competence_stages.get(obj.competence_id, ())


def capability_records(
    user, *, organisation_type: str = "", capability_kind: str = "", as_of=None
) -> list[CapabilityRecord]:
    """Visible capabilities as matrix records, optionally of one organisation type or capability kind.

    Read as plain values (no model instances): the matrix and the overview read every capability.
    With ``as_of`` only the facts valid on that date count.
    """
    queryset = visible_on(Capability.objects.all(), user, as_of)
    if organisation_type:
        queryset = queryset.filter(organisation__type=organisation_type)
    if capability_kind:
        queryset = queryset.filter(kind=capability_kind)
    visible_organisations = dict(visible_on(_organisations(), user, as_of).values_list("pk", "name"))
    home_places = dict(_organisations().values_list("pk", "home_place_id"))
    place_names = {}
    competence_stages = _competence_stages()
    records = []
    rows = queryset.values_list(
        "pk",
        "organisation_id",
        "place_id",
        "stage_id",
        "competence_id",
        "status",
        "kind",
        "basis",
    )
    for (
        pk,
        organisation_id,
        place_id,
        stage_id,
        competence_id,
        status,
        kind,
        basis,
    ) in rows:
        if organisation_id:
            if organisation_id not in visible_organisations:
                continue
            holder, holder_name = ("organisation", organisation_id), visible_organisations[organisation_id]
        else:
            if not place_names:
                place_names.update({p.pk: p.localised() for p in visible_on(Place.objects.all(), user, as_of)})
            if place_id not in place_names:
                continue
            holder, holder_name = ("place", place_id), place_names[place_id]
        records.append(
            CapabilityRecord(
                id=pk,
                holder=holder,
                holder_name=holder_name,
                stage_ids=(stage_id,) if stage_id else competence_stages.get(competence_id, ()),
                place_id=place_id or home_places.get(organisation_id),
                status=status,
                kind=kind,
                basis=basis,
            )
        )
    return records


def _organisations():
    from arvoketju.actors.models import Organisation

    return Organisation.objects.all()


def declaration_records(user, *, as_of=None) -> list[DeclarationRecord]:
    """Visible declared specialisations (valid on ``as_of`` when given) as plain records."""
    competence_stages = _competence_stages()
    return [
        DeclarationRecord(
            id=declaration.pk,
            place_id=declaration.place_id,
            stage_ids=_topic_stages(declaration, competence_stages),
            statement=declaration.statement,
            source=f"{declaration.source.title}, {declaration.locator}",
        )
        for declaration in visible_on(SpecialisationDeclaration.objects.select_related("source"), user, as_of)
    ]


def matrix_view(
    user, *, level: str = "region", organisation_type: str = "", capability_kind: str = "", as_of=None
) -> MatrixView:
    """The value chain × places matrix as ``user`` may see it.

    ``level``: "region" (maakunta), "municipality" or "partner_cities" (the municipalities of the
    partner-city groupings). Declarations are shown unless a capability filter is set. With
    ``as_of`` only the facts valid on that date count (decision 29).
    """
    places = place_nodes(user, as_of=as_of)
    column_ids = None
    column_level = "municipality" if level in ("municipality", "partner_cities") else "region"
    if level == "partner_cities":
        column_ids = [
            member
            for group in visible_on(Place.objects.filter(grouping_kind=GroupingKind.PARTNER_CITIES), user, as_of)
            if group.pk in places
            for member in places[group.pk].member_ids
        ]
    capabilities = capability_records(
        user, organisation_type=organisation_type, capability_kind=capability_kind, as_of=as_of
    )
    declarations = [] if (organisation_type or capability_kind) else declaration_records(user, as_of=as_of)
    cells = build_matrix(capabilities, declarations, places, level=column_level, column_ids=column_ids)
    if column_ids is not None:
        shown = set(column_ids)
    else:
        shown = {column for _stage, column in cells}
        if level == "region":
            shown |= set(
                visible_on(Place.objects.filter(kind=PlaceKind.REGION), user, as_of).values_list("pk", flat=True)
            )
    columns = sorted(visible(Place.objects.filter(pk__in=shown), user), key=lambda p: (p.code or "zzz", p.name_fi))
    stages = list(visible(Stage.objects.order_by("kind", "order"), user))
    stages.sort(key=lambda s: (s.kind != "stage", s.order))
    return MatrixView(level=level, stages=stages, columns=columns, cells=cells, totals=column_totals(cells))
