"""The partner finder used by the web page, the API and the CLI: one call profile in, plain data out.

``FinderRequest`` is checked here (unknown competences and organisations are ``ValidationError``s
that name the field), then the cached index recommends partners and, on request, CP-SAT assembles
consortia from the recommended candidates plus the organisations already in.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

import numpy as np
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from arvoketju.actors.models import OrganisationType
from arvoketju.actors.selectors import organisation_resolve

from .consortium import Candidate, Rules, assemble
from .recommend import WEIGHTS, CallProfile
from .selectors import org_ref, partner_index, vocabulary_labels, vocabulary_match

MAX_CANDIDATES = 300
MAX_MINIMUM = 30  # a consortium has at most 30 members


def parse_minimums(items: list[str], separator: str) -> dict[str, int]:
    """``["company:2", …]`` → ``{"company": 2}``; ``ValueError`` naming the first item that is not
    TYPE, the separator and a whole number 0–30 in ASCII digits."""
    found = {}
    for item in items:
        kind, _sep, count = item.partition(separator)
        if not (count.isascii() and count.isdigit()) or int(count) > MAX_MINIMUM:
            raise ValueError(item)
        found[kind] = int(count)
    return found


@dataclass
class FinderRequest:
    """A call profile and, optionally, the rules of a consortium to assemble."""

    competences: list[str] = field(default_factory=list)
    text: str = ""
    topics: list[str] = field(default_factory=list)
    members: list[str] = field(default_factory=list)
    types: list[str] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)
    favour: str = "balanced"
    limit: int = 20
    assemble: bool = False
    min_size: int = 3
    max_size: int = 8
    min_types: dict[str, int] = field(default_factory=dict)
    min_sme: int = 0
    min_countries: int = 0
    coordinator_country: str = ""
    min_newcomers: int = 0
    alternatives: int = 3
    candidates: int = 60


def _check(request: FinderRequest, labels: dict[str, str], user) -> tuple[set[str], set[str], list[str]]:
    errors: dict[str, list[str]] = {}
    unknown = [c for c in request.competences if c not in labels]
    if unknown:
        errors["competences"] = [_("unknown competence or stage: %(keys)s") % {"keys": ", ".join(unknown)}]
    types = {t.value for t in OrganisationType}
    bad_types = [t for t in [*request.types, *request.min_types] if t not in types]
    if bad_types:
        errors["types"] = [_("unknown organisation type: %(types)s") % {"types": ", ".join(bad_types)}]
    if request.favour not in WEIGHTS:
        errors["favour"] = [_("use one of %(choices)s") % {"choices": ", ".join(WEIGHTS)}]
    if not 1 <= request.limit <= 1000:
        errors["limit"] = [_("between 1 and 1000")]
    if not 1 <= request.min_size <= request.max_size <= 30:
        errors["max_size"] = [_("sizes must satisfy 1 ≤ min_size ≤ max_size ≤ 30")]
    if not 1 <= request.alternatives <= 10 or not 2 <= request.candidates <= MAX_CANDIDATES:
        errors["alternatives"] = [_("1–10 alternatives from 2–300 candidates")]
    if any(n < 0 for n in [request.min_sme, request.min_countries, request.min_newcomers, *request.min_types.values()]):
        errors["min_sme"] = [_("minimums cannot be negative")]
    members = []
    for ref in request.members:
        org = organisation_resolve(ref=ref, user=user)
        if org is None:
            errors.setdefault("members", []).append(_("no organisation '%(ref)s'") % {"ref": ref})
        else:
            members.append(org_ref(org.key, org.pk))
    if errors:
        raise ValidationError(errors)
    required = set(request.competences)
    wanted = set(vocabulary_match(text=request.text)["competences"]) - required if request.text else set()
    return required, wanted, members


def find_partners(*, user, request: FinderRequest) -> dict:
    """Ranked partners with explanations and, if asked, consortia or the rules that cannot be met."""
    started = time.perf_counter()
    labels = vocabulary_labels()
    required, wanted, members = _check(request, labels, user)
    index = partner_index(user=user)
    profile = CallProfile(
        competences=required | wanted,
        topics=set(request.topics),
        members=members,
        types=set(request.types),
        countries={c.upper() for c in request.countries},
        favour=request.favour,
        limit=max(request.limit, request.candidates if request.assemble else 0),
    )
    ranked = index.recommend(profile)
    orgs = index.history.orgs
    answer = {
        "competences": [
            {"key": c, "label": labels.get(c, c), "required": c in required} for c in sorted(required | wanted)
        ],
        "members": [{"id": m, "name": orgs[m].name} for m in members],
        "partners": [
            {
                "id": r.org,
                "name": orgs[r.org].name,
                "type": orgs[r.org].type,
                "country": orgs[r.org].country,
                "rank": r.rank,
                "score": r.score,
                "scores": r.parts,
                "explanation": r.explanation,
                "facts": r.facts,
            }
            for r in ranked[: request.limit]
        ],
    }
    if request.assemble:
        answer["consortium"] = _assemble(index, request, required, wanted, members, ranked)
    answer["seconds"] = round(time.perf_counter() - started, 3)
    return answer


def _assemble(index, request, required, wanted, members, ranked) -> dict:
    ids = list(dict.fromkeys([*members, *(r.org for r in ranked[: request.candidates])]))
    scores = {r.org: r.score for r in ranked}
    member_vector = index.member_vector(members)
    ties = np.asarray(index.binary @ member_vector).ravel()
    topics = sorted(required | wanted)
    columns = [index.comp_pos[c] for c in topics if c in index.comp_pos]
    candidates = []
    for ref in ids:
        i = index.pos[ref]
        org = index.history.orgs[ref]
        has = set()
        for c, j in zip([c for c in topics if c in index.comp_pos], columns, strict=True):
            if index.past[i, j] or index.declared[i, j]:
                has.add(c)
        candidates.append(
            Candidate(
                ref,
                org.name,
                org.type,
                org.country,
                bool(org.sme),
                has,
                scores.get(ref, 0.0),
                bool(ties[i]),
                index.project_count[i] == 0,
                ref in members,
            )
        )
    rules = Rules(
        required=required,
        wanted=wanted,
        min_size=request.min_size,
        max_size=request.max_size,
        min_types=dict(request.min_types),
        min_sme=request.min_sme,
        min_countries=request.min_countries,
        coordinator_country=request.coordinator_country.upper(),
        min_newcomers=request.min_newcomers,
        favour=request.favour,
    )
    result = assemble(candidates, rules, alternatives=request.alternatives)
    names = {c.id: c.label for c in candidates}
    return {
        "status": result.status,
        "unmet": result.unmet,
        "seconds": round(result.seconds, 3),
        "candidates": len(candidates),
        "alternatives": [
            {
                "members": [{"id": m, "name": names[m]} for m in c.members],
                "covered": c.covered,
                "missing": c.missing,
                "objective": c.objective,
                "optimal": c.optimal,
            }
            for c in result.consortia
        ],
    }
