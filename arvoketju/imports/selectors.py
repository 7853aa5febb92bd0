"""Reads for imports: finding the records a row refers to, and the uncertain organisation matches.

An organisation is *found* by id, key, identifier (business ID, PIC, ROR, VAT), or by exactly its
official name, short name or an alias (case- and space-insensitive). Anything less than that is a
*candidate*: the same name apart from the company form ("Centria ammattikorkeakoulu Oy" /
"Centria ammattikorkeakoulu"), one name's words contained in the other's ("Centria" /
"Centria-ammattikorkeakoulu Oy"), or a similar spelling (difflib ratio ≥ 0.85). Candidates are shown
to a person for confirmation, never chosen automatically.
"""

from __future__ import annotations

import difflib
import re
from collections import defaultdict
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from arvoketju.actors.models import Alias, Identifier, Organisation
from arvoketju.collaboration.models import EventSeries, Network, Programme, Project
from arvoketju.core.identifiers import VALIDATORS
from arvoketju.core.text import normalise_name, strip_legal_form
from arvoketju.places.models import Place
from arvoketju.taxonomy.models import Competence, Stage

SIMILARITY = 0.85
MAX_CANDIDATES = 5
_TOKEN_SPLIT = re.compile(r"[\s\-–—/,.;:()&+]+")
_STOP_TOKENS = {"oy", "oyj", "ab", "ry", "rf", "ky", "ltd", "gmbh", "sa", "nv", "as", "the", "of", "and", "ja", "och"}
_COMMON_TOKEN = 400  # a token shared by more names than this does not narrow the search


@dataclass(frozen=True)
class Candidate:
    """An organisation that might be the one a row means, and why."""

    key: str
    name: str
    reason: str

    def __str__(self):
        return f"{self.name} ({self.key}): {self.reason}"


def tokens(name: str) -> set[str]:
    return {t for t in _TOKEN_SPLIT.split(strip_legal_form(name)) if t and t not in _STOP_TOKENS}


def _prefixes(name: str) -> set[str]:
    return {t[:4] for t in tokens(name) if len(t) >= 2}


def identifier_scheme_of(value: str) -> tuple[str, str] | None:
    """(scheme, normalised value) when a reference is a valid business ID, PIC or ROR id."""
    for scheme in ("business_id", "ror", "pic", "vat"):
        try:
            return scheme, VALIDATORS[scheme](value)
        except ValidationError:
            continue
    return None


class OrganisationIndex:
    """Every organisation in memory once per import: exact lookups and candidate search."""

    def __init__(self):
        self.by_pk: dict[int, tuple[str, str]] = {}
        self.by_key: dict[str, int] = {}
        self.by_identifier: dict[tuple[str, str], int] = {}
        self.by_name: dict[str, set[int]] = defaultdict(set)
        self.names: dict[int, set[str]] = defaultdict(set)
        self.by_prefix: dict[str, set[int]] = defaultdict(set)
        for pk, key, name, short_name in Organisation.objects.values_list("pk", "key", "name", "short_name"):
            self.add(pk, key or "", name, short_name)
        for org_id, name in Alias.objects.values_list("organisation_id", "name"):
            self.add_name(org_id, name)
        for org_id, scheme, value in Identifier.objects.values_list("organisation_id", "scheme", "value"):
            self.by_identifier[(scheme, value)] = org_id
        self.pending: dict[str, str] = {}  # names of organisations the file itself creates → their keys
        self.pending_keys: set[str] = set()

    def add(self, pk, key: str, name: str, short_name: str = ""):
        self.by_pk[pk] = (key, name)
        if key:
            self.by_key[key] = pk
        for value in (name, short_name):
            self.add_name(pk, value)

    def add_name(self, pk, name: str):
        if not name:
            return
        self.by_name[normalise_name(name)].add(pk)
        self.names[pk].add(name)
        for prefix in _prefixes(name):
            self.by_prefix[prefix].add(pk)

    def label(self, pk) -> str:
        key, name = self.by_pk[pk]
        return f"{name} ({key})" if key else name

    def find(self, ref: str) -> tuple[set[int], str]:
        """Organisations a reference names exactly (by id, key, identifier, name or alias), and how."""
        ref = (ref or "").strip()
        if not ref:
            return set(), ""
        if ref.isdigit() and int(ref) in self.by_pk and len(ref) < 9:
            return {int(ref)}, "id"
        if ref in self.by_key:
            return {self.by_key[ref]}, "key"
        found = identifier_scheme_of(ref)
        if found and found in self.by_identifier:
            return {self.by_identifier[found]}, found[0]
        names = self.by_name.get(normalise_name(ref), set())
        return set(names), "name" if names else ""

    def candidates(self, name: str, *, exclude: set[int] = frozenset()) -> list[Candidate]:
        """Organisations whose names resemble ``name`` without being the same."""
        wanted = normalise_name(name)
        if not wanted:
            return []
        pool: set[int] = set()
        for prefix in _prefixes(name):
            hits = self.by_prefix.get(prefix, set())
            if len(hits) <= _COMMON_TOKEN:
                pool |= hits
        found: dict[int, tuple[float, str]] = {}
        for pk in pool - set(exclude):
            for other in self.names[pk]:
                scored = _resemblance(name, other)
                if scored and scored[0] > found.get(pk, (0, ""))[0]:
                    found[pk] = scored
        best = sorted(found.items(), key=lambda item: (-item[1][0], self.by_pk[item[0]][1]))[:MAX_CANDIDATES]
        return [Candidate(self.by_pk[pk][0], self.by_pk[pk][1], reason) for pk, (_score, reason) in best]


def _resemblance(a: str, b: str) -> tuple[float, str] | None:
    if normalise_name(a) == normalise_name(b):
        return 1.0, _("the same name")
    bare_a, bare_b = strip_legal_form(a), strip_legal_form(b)
    if bare_a == bare_b:
        return 0.99, _("the same name apart from the company form ('%(other)s')") % {"other": b}
    tokens_a, tokens_b = tokens(a), tokens(b)
    if tokens_a and tokens_b and (tokens_a <= tokens_b or tokens_b <= tokens_a):
        return 0.9, _("one name contains the other ('%(other)s')") % {"other": b}
    ratio = difflib.SequenceMatcher(None, bare_a, bare_b).ratio()
    own_a, own_b = " ".join(sorted(tokens_a - tokens_b)), " ".join(sorted(tokens_b - tokens_a))
    # the words the names do not share must be alike too ("Centria …" is not "Metropolia …"), and
    # differing numbers make different names ("Yhtiö 200" is not "Yhtiö 2000")
    numbers = any(c.isdigit() for c in own_a + own_b)
    if ratio >= SIMILARITY and not numbers and difflib.SequenceMatcher(None, own_a, own_b).ratio() >= 0.75:
        return ratio, _("a similar name ('%(other)s', %(percent)s %% alike)") % {
            "other": b,
            "percent": round(ratio * 100),
        }
    return None


class ReferenceIndex:
    """Places, taxonomy terms, programmes, networks, projects and event series by key or name."""

    def __init__(self):
        self._cache: dict[str, dict[str, object]] = {}

    def _index(self, kind: str) -> dict:
        if kind not in self._cache:
            index: dict[str, object] = {}
            for obj, names in _named_objects(kind):
                for name in names:
                    if name:
                        index.setdefault(normalise_name(str(name)), obj)
            self._cache[kind] = index
        return self._cache[kind]

    def find(self, kind: str, ref: str):
        return self._index(kind).get(normalise_name(ref))

    def remember(self, kind: str, obj, *names):
        index = self._index(kind)
        for name in names:
            if name:
                index.setdefault(normalise_name(str(name)), obj)


def _named_objects(kind: str):
    if kind == "place":
        for place in Place.objects.defer("boundary").order_by("kind", "pk"):
            yield place, [place.key, place.code, place.name_fi, place.name_sv, place.name_en, *place.aliases]
    elif kind == "topic":
        for stage in Stage.objects.all():
            yield stage, [stage.key, stage.name_fi, stage.name_en, stage.name_sv]
        for competence in Competence.objects.all():
            yield competence, [competence.key, competence.term_fi, competence.term_en, *competence.synonyms]
    elif kind == "programme":
        for programme in Programme.objects.all():
            yield programme, [programme.key, programme.name]
    elif kind == "network":
        for network in Network.objects.all():
            yield network, [network.key, network.name]
    elif kind == "project":
        for project in Project.objects.all():
            yield project, [project.key, project.acronym, project.title]
    elif kind == "series":
        for series in EventSeries.objects.all():
            yield series, [series.key, series.name]
    else:
        raise ValueError(kind)
