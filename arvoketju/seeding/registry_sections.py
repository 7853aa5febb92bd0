"""Section loaders for the registry core: sources, taxonomy, places, organisations, contacts."""

from __future__ import annotations

from arvoketju.actors.models import (
    Alias,
    AliasKind,
    ContactPerson,
    Identifier,
    Organisation,
    OrganisationType,
    Site,
)
from arvoketju.core.identifiers import VALIDATORS
from arvoketju.core.text import make_key, normalise_name
from arvoketju.places.models import GroupingKind, Place, PlaceKind, PlaceMembership
from arvoketju.places.services import coordinates_from_geonames
from arvoketju.provenance.models import SourceKind
from arvoketju.provenance.services import source_upsert
from arvoketju.taxonomy.models import Competence, Stage, StageKind, ValueChain

from .context import LoadContext, RecordSkipped


def load_sources(ctx: LoadContext, items):
    """``sources.yaml``: the documents and references facts point to."""
    for item in ctx.records(items, "source"):
        try:
            if not item.get("key") or not item.get("title"):
                ctx.fail("key", "a source needs `key` and `title`")
            kind = ctx.choice(item.get("kind"), SourceKind, "kind", allow_blank=False)
            source_upsert(
                key=item["key"],
                actor=ctx.actor,
                kind=kind,
                title=item["title"],
                publisher=item.get("publisher") or "",
                published=str(item.get("published") or ""),
                url=item.get("url") or "",
                citation=item.get("citation") or "",
                description=item.get("description") or "",
            )
            ctx._sources.pop(item["key"], None)
            ctx.counts["source"] += 1
        except RecordSkipped:
            continue


def load_taxonomy(ctx: LoadContext, data):
    """A taxonomy file: value chain, stages and themes (in order), competence vocabulary."""
    if not isinstance(data, dict) or "value_chain" not in data:
        ctx.problem("", "a taxonomy file needs `value_chain`, `stages` and `competences`")
        return
    source = data.get("source") or {}
    if source.get("key"):
        load_sources(ctx, [{"kind": "curation", **source}])
    default = source.get("key") or ctx.default_source
    chain_item = data["value_chain"]
    ctx.record = "value_chain"
    try:
        chain = ctx.upsert(
            ValueChain,
            lookup={"key": chain_item.get("key")},
            values={
                **ctx.fact_fields({"ref": "value_chain", "source": default, **chain_item}),
                "name_fi": chain_item.get("name_fi") or "",
                "name_sv": chain_item.get("name_sv") or "",
                "name_en": chain_item.get("name_en") or "",
            },
        )
    except RecordSkipped:
        return
    pending_parents = []
    for item in ctx.records(data.get("stages"), "stage"):
        try:
            ctx.upsert(
                Stage,
                lookup={"key": item.get("key")},
                values={
                    **ctx.fact_fields({"ref": f"stages/{item.get('key')}", "source": default, **item}),
                    "value_chain": chain,
                    "kind": ctx.choice(item.get("kind") or "stage", StageKind, "kind"),
                    "order": item.get("order") or 0,
                    "name_fi": item.get("name_fi") or "",
                    "name_sv": item.get("name_sv") or "",
                    "name_en": item.get("name_en") or "",
                    "description": item.get("description") or item.get("description_en") or "",
                },
            )
            if item.get("parent"):
                pending_parents.append((ctx.record, item["key"], item["parent"]))
        except RecordSkipped:
            continue
    for record, key, parent_key in pending_parents:
        ctx.record = record
        try:
            ctx.upsert(Stage, lookup={"key": key}, values={"parent": ctx.stage(parent_key, "parent")})
        except RecordSkipped:
            continue
    for item in ctx.records(data.get("competences"), "competence"):
        try:
            stages = [ctx.stage(k, "stages") for k in item.get("stages") or []]
            synonyms = item.get("synonyms") or []
            if not isinstance(synonyms, list):
                ctx.fail("synonyms", "expected a list of terms")
            ctx.upsert(
                Competence,
                lookup={"key": item.get("key")},
                values={
                    **ctx.fact_fields({"ref": f"competences/{item.get('key')}", "source": default, **item}),
                    "value_chain": chain,
                    "term_fi": item.get("term_fi") or "",
                    "term_sv": item.get("term_sv") or "",
                    "term_en": item.get("term_en") or "",
                    "synonyms": [str(s) for s in synonyms],
                },
                m2m={"stages": stages},
            )
        except RecordSkipped:
            continue


def _place_values(ctx: LoadContext, item: dict, *, kind: str, source_default: str | None = None) -> dict:
    fields = ctx.fact_fields({"source": source_default, **item} if source_default and not item.get("source") else item)
    values = {
        **fields,
        "kind": kind,
        "name_fi": item.get("name_fi") or "",
        "name_sv": item.get("name_sv") or "",
        "name_en": item.get("name_en") or "",
        "aliases": [str(a) for a in item.get("aliases") or []],
    }
    if not values["name_fi"]:
        ctx.fail("name_fi", "a place needs its Finnish name (or the local name for places abroad)")
    for axis in ("latitude", "longitude"):
        if item.get(axis) is not None:
            values[axis] = ctx.number(item[axis], axis)
            values["coordinates_source"] = "dataset"
    return values


def _with_coordinates(values: dict, *, country_code: str):
    if values.get("latitude") is None:
        found = coordinates_from_geonames(
            [values["name_fi"], values["name_sv"], values["name_en"]], country_code=country_code
        )
        if found:
            values["latitude"], values["longitude"], values["coordinates_source"] = found
    return values


def load_places(ctx: LoadContext, data):
    """``places.yaml``: countries, regions, municipalities, localities abroad, groupings."""
    if data is None:
        return
    if not isinstance(data, dict):
        ctx.problem("", "expected sections countries, regions, municipalities, localities, groupings")
        return
    for item in ctx.records(data.get("countries"), "country"):
        try:
            code = str(item.get("code") or "").upper()
            if len(code) != 2:
                ctx.fail("code", "a country needs its two-letter ISO 3166 code")
            place = ctx.upsert(
                Place,
                lookup={"kind": PlaceKind.COUNTRY, "code": code},
                values={**_place_values(ctx, item, kind=PlaceKind.COUNTRY), "key": f"country-{code.lower()}"},
            )
            ctx.remember_place(place)
        except RecordSkipped:
            continue
    finland = Place.objects.filter(kind=PlaceKind.COUNTRY, code="FI").first()
    for item in ctx.records(data.get("regions"), "region"):
        try:
            code = str(item.get("code") or "")
            if not (len(code) == 2 and code.isdigit()):
                ctx.fail("code", 'a region needs its two-digit code (quote it: "01")')
            place = ctx.upsert(
                Place,
                lookup={"kind": PlaceKind.REGION, "code": code},
                values={**_place_values(ctx, item, kind=PlaceKind.REGION), "key": f"region-{code}", "parent": finland},
            )
            ctx.remember_place(place)
        except RecordSkipped:
            continue
    for item in ctx.records(data.get("municipalities"), "municipality"):
        try:
            code = str(item.get("code") or "")
            if not (len(code) == 3 and code.isdigit()):
                ctx.fail("code", 'a municipality needs its three-digit code (quote it: "091")')
            region = Place.objects.filter(kind=PlaceKind.REGION, code=str(item.get("region") or "")).first()
            if region is None:
                ctx.fail("region", f"no region with code '{item.get('region')}'")
            values = _with_coordinates(
                {
                    **_place_values(ctx, item, kind=PlaceKind.MUNICIPALITY),
                    "key": item.get("key") or make_key(item.get("name_fi") or ""),
                    "parent": region,
                },
                country_code="FI",
            )
            place = ctx.upsert(Place, lookup={"kind": PlaceKind.MUNICIPALITY, "code": code}, values=values)
            ctx.remember_place(place)
        except RecordSkipped:
            continue
    for item in ctx.records(data.get("localities"), "locality"):
        try:
            country_code = str(item.get("country") or "").upper()
            country = Place.objects.filter(kind=PlaceKind.COUNTRY, code=country_code).first()
            if country is None:
                ctx.fail("country", f"no country '{item.get('country')}' in countries")
            key = item.get("key") or make_key(item.get("name_en") or item.get("name_fi") or "")
            values = _with_coordinates(
                {**_place_values(ctx, item, kind=PlaceKind.LOCALITY), "parent": country}, country_code=country_code
            )
            place = ctx.upsert(Place, lookup={"key": key}, values=values)
            ctx.remember_place(place)
        except RecordSkipped:
            continue
    for item in ctx.records(data.get("groupings"), "grouping"):
        try:
            key = item.get("key") or make_key(item.get("name_fi") or "")
            members = [(raw, ctx.place(name, "members")) for raw, name in _member_refs(ctx, item)]
            values = {
                **_place_values(ctx, item, kind=PlaceKind.GROUPING),
                "grouping_kind": ctx.choice(item.get("kind") or "area", GroupingKind, "kind"),
            }
            coordinates = [(m.latitude, m.longitude) for _, m in members if m.latitude is not None]
            if coordinates and values.get("latitude") is None:
                values["latitude"] = round(sum(c[0] for c in coordinates) / len(coordinates), 5)
                values["longitude"] = round(sum(c[1] for c in coordinates) / len(coordinates), 5)
                values["coordinates_source"] = "mean of member places"
            group = ctx.upsert(Place, lookup={"key": key}, values=values)
            ctx.remember_place(group)
            for raw, member in members:
                member_item = raw if isinstance(raw, dict) else {}
                ctx.upsert(
                    PlaceMembership,
                    lookup={"group": group, "member": member},
                    values=ctx.fact_fields({**item, **member_item}),
                )
        except RecordSkipped:
            continue


def _member_refs(ctx: LoadContext, item: dict):
    members = item.get("members")
    if not isinstance(members, list) or not members:
        ctx.fail("members", "a grouping lists its member places")
    for member in members:
        yield member, member.get("place") if isinstance(member, dict) else member


def load_organisations(ctx: LoadContext, items):
    """``organisations.yaml``: organisations with aliases, identifiers, sites; parents second pass."""
    parents = []
    for item in ctx.records(items, "organisation"):
        try:
            if not item.get("key") or not item.get("name"):
                ctx.fail("key", "an organisation needs `key` and `name`")
            values = {
                **ctx.fact_fields(item),
                "name": item["name"],
                "short_name": item.get("short_name") or "",
                "type": ctx.choice(item.get("type"), OrganisationType, "type", allow_blank=False),
                "home_place": ctx.place(item.get("place"), "place"),
                "field_sources": _field_sources(ctx, item, {"place_source": "home_place", "parent_source": "parent"}),
                "is_sme": item.get("sme"),
                "website": item.get("website") or "",
                "description": item.get("description") or "",
            }
            org = ctx.upsert(Organisation, lookup={"key": item["key"]}, values=values)
            ctx.remember_organisation(org)
            _load_aliases(ctx, org, item)
            _load_identifiers(ctx, org, item)
            for site in item.get("sites") or []:
                place = ctx.place(site.get("place"), "sites")
                ctx.upsert(
                    Site,
                    lookup={"organisation": org, "place": place},
                    values={**ctx.fact_fields({**item, **site}), "name": site.get("name") or ""},
                )
            if item.get("parent"):
                parents.append((ctx.record, org, item["parent"]))
        except RecordSkipped:
            continue
    for record, org, parent_ref in parents:
        ctx.record = record
        try:
            ctx.upsert(Organisation, lookup={"pk": org.pk}, values={"parent": ctx.organisation(parent_ref, "parent")})
        except RecordSkipped:
            continue


def _field_sources(ctx: LoadContext, item: dict, mapping: dict) -> dict:
    """Sources of single fields (``place_source: curation`` → the home place comes from curation)."""
    found = {}
    for option, field_name in mapping.items():
        if item.get(option):
            if ctx.source(item[option]) is None:
                ctx.fail(option, f"unknown source '{item[option]}'")
            found[field_name] = {"source": item[option], "locator": item.get(f"{option}_ref") or field_name}
    return found


def _load_aliases(ctx: LoadContext, org: Organisation, item: dict):
    seen = set()
    for alias in item.get("aliases") or []:
        alias = {"name": alias} if isinstance(alias, str) else alias
        if not alias.get("name"):
            ctx.fail("aliases", "an alias needs a name")
        if normalise_name(alias["name"]) in seen:
            continue  # the same alias written in another case ("jamk", "JAMK") is one alias
        seen.add(normalise_name(alias["name"]))
        kind = ctx.choice(alias.get("kind") or "other", AliasKind, "aliases.kind")
        fields = ctx.fact_fields({**item, "quote": None, "key": None, **alias})
        ctx.upsert(
            Alias,
            lookup={"organisation": org, "normalised": normalise_name(alias["name"])},
            values={**fields, "name": alias["name"], "kind": kind},
        )
        ctx.remember_organisation(org, alias["name"])


def _load_identifiers(ctx: LoadContext, org: Organisation, item: dict):
    identifiers = item.get("identifiers") or {}
    for scheme, value in identifiers.items():
        if scheme not in VALIDATORS:
            ctx.fail(f"identifiers.{scheme}", f"unknown identifier scheme; use one of {', '.join(VALIDATORS)}")
        fields = ctx.fact_fields({**item, "key": None})
        ctx.upsert(
            Identifier,
            lookup={"organisation": org, "scheme": scheme},
            values={**fields, "value": str(value)},
            rename={"value": f"identifiers.{scheme}"},
        )


def load_contacts(ctx: LoadContext, items):
    """``contacts.yaml``: named persons (personal data), restricted unless a record says otherwise."""
    for item in ctx.records(items, "contact"):
        try:
            org = ctx.organisation(item.get("organisation"))
            if not item.get("name"):
                ctx.fail("name", "a contact needs a name")
            ctx.upsert(
                ContactPerson,
                lookup={"key": item["key"]} if item.get("key") else {"organisation": org, "name": item["name"]},
                values={
                    **ctx.fact_fields(item, visibility_default="restricted"),
                    "organisation": org,
                    "name": item["name"],
                    "role": item.get("role") or "",
                    "email": item.get("email") or "",
                    "phone": item.get("phone") or "",
                },
            )
        except RecordSkipped:
            continue
