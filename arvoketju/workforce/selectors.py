"""Reads for the skills view: competence needs and education supply the reader may see, as the plain
records ``supply.supply_vs_need`` compares."""

from __future__ import annotations

from django.db.models import Prefetch

from arvoketju.capabilities.models import Capability, CapabilityKind
from arvoketju.provenance.selectors import visible
from arvoketju.taxonomy.models import Stage

from .models import CompetenceNeed, EducationProgramme
from .supply import NeedRecord, SupplyRecord


def _region(place):
    region = place.region if place is not None else None
    return (region.key or "", region.name_fi) if region is not None else ("", "")


def need_records(*, user, region: str = "", stage: str = "") -> list[NeedRecord]:
    """The needs ``user`` may see as records; ``stage`` keeps needs whose stage, or whose competence's
    stages, include it; ``region`` keeps the region's needs and the national ones."""
    stages = visible(Stage.objects.all(), user)
    needs = visible(
        CompetenceNeed.objects.select_related(
            "competence", "stage", "place__parent", "source", "event"
        ).prefetch_related(Prefetch("competence__stages", queryset=stages, to_attr="stage_list")),
        user,
    ).order_by("pk")
    records = []
    for need in needs:
        stage_keys = {need.stage.key} if need.stage_id else set()
        if need.competence_id:
            stage_keys |= {s.key for s in need.competence.stage_list}
        region_key, region_label = _region(need.place)
        if region and region_key not in (region, ""):
            continue
        if stage and stage not in stage_keys:
            continue
        records.append(
            NeedRecord(
                key=need.key or str(need.pk),
                label=need.need,
                competence=need.competence.key if need.competence_id else "",
                competence_label=need.competence.localised() if need.competence_id else "",
                stages=frozenset(stage_keys),
                stage_label=need.stage.localised() if need.stage_id else "",
                region=region_key,
                region_label=region_label,
                horizon=need.horizon,
                sources=(need,),
            )
        )
    return records


def supply_records(*, user) -> list[SupplyRecord]:
    """Education programmes and stated education capabilities ``user`` may see, placed in the region
    of their place (or of their organisation's home place)."""
    records = []
    programmes = visible(
        EducationProgramme.objects.select_related("provider__home_place__parent", "place__parent"), user
    ).prefetch_related("stages", "competences")
    for programme in programmes:
        region_key, region_label = _region(programme.place or programme.provider.home_place)
        records.append(
            SupplyRecord(
                label=programme.name,
                provider=programme.provider.name,
                level=programme.get_level_display(),
                competences=frozenset(c.key for c in programme.competences.all()),
                stages=frozenset(s.key for s in programme.stages.all()),
                region=region_key,
                region_label=region_label,
            )
        )
    capabilities = visible(
        Capability.objects.filter(kind=CapabilityKind.EDUCATION).select_related(
            "organisation__home_place__parent", "place__parent", "stage", "competence"
        ),
        user,
    )
    for capability in capabilities:
        place = capability.place or (capability.organisation.home_place if capability.organisation_id else None)
        region_key, region_label = _region(place)
        records.append(
            SupplyRecord(
                label=str(capability.topic.localised()) if capability.topic else "",
                provider=capability.organisation.name if capability.organisation_id else "",
                level=str(capability.get_kind_display()),
                competences=frozenset({capability.competence.key} if capability.competence_id else ()),
                stages=frozenset({capability.stage.key} if capability.stage_id else ()),
                region=region_key,
                region_label=region_label,
            )
        )
    return records
