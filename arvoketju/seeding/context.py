"""What every dataset section loader shares: error collection, reference resolution, fact fields.

Errors are collected rather than raised one by one, so a reviewer sees every problem of a file at
once; the whole load runs in one transaction and is rolled back if any error was found.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from arvoketju.actors.models import Alias, Organisation
from arvoketju.core.dates import parse_vague_date
from arvoketju.core.text import normalise_name
from arvoketju.places.models import Place
from arvoketju.provenance.models import Source, Visibility
from arvoketju.provenance.services import Actor, fact_upsert
from arvoketju.taxonomy.models import Competence, Stage

YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when present: same result, faster
FACT_KEYS = {"key", "ref", "quote", "source", "valid_from", "valid_to", "visibility", "note"}


@dataclass
class DatasetProblem:
    """One problem in a dataset file: where (file, record, field) and why."""

    file: str
    record: str
    field: str
    message: str

    def __str__(self):
        where = f"{self.file}, {self.record}" + (f", {self.field}" if self.field else "")
        return f"{where}: {self.message}"


class DatasetError(Exception):
    """A dataset could not be loaded; nothing was written. ``problems`` lists every problem found."""

    def __init__(self, problems: list[DatasetProblem]):
        self.problems = problems
        lines = "\n".join(f"  - {p}" for p in problems[:50])
        more = f"\n  … and {len(problems) - 50} more" if len(problems) > 50 else ""
        super().__init__(f"{len(problems)} problem(s) in the dataset; nothing was loaded:\n{lines}{more}")


class RecordSkipped(Exception):
    """Raised inside a record loader after a problem was reported, to move on to the next record."""


@dataclass
class LoadContext:
    """State shared by the section loaders of one dataset load."""

    folder: Path
    actor: Actor
    default_source: str = "report"
    problems: list[DatasetProblem] = field(default_factory=list)
    counts: Counter = field(default_factory=Counter)
    file: str = ""
    record: str = ""
    _sources: dict = field(default_factory=dict)
    _places: dict | None = None
    _organisations: dict | None = None

    # --- files and problems -------------------------------------------------------------------

    def read(self, name: str, *, required: bool = False):
        """Parse a YAML file of the dataset; ``None`` when it is absent and optional."""
        path = self.folder / name
        self.file, self.record = name, ""
        if not path.exists():
            if required:
                self.problem("", f"the file {name} is missing")
            return None
        try:
            return yaml.load(path.read_text(encoding="utf-8"), Loader=YAML_LOADER)
        except (yaml.YAMLError, UnicodeDecodeError) as exc:
            self.problem("", f"not valid YAML: {exc}")
            return None

    def problem(self, field_name: str, message: str):
        self.problems.append(DatasetProblem(self.file, self.record or "file", field_name, message))

    def fail(self, field_name: str, message: str):
        self.problem(field_name, message)
        raise RecordSkipped

    def records(self, items, label: str):
        """Iterate ``items`` (a list of mappings), setting the record label used in problems."""
        if items is None:
            return
        if not isinstance(items, list):
            self.problem(label, "expected a list")
            return
        for index, item in enumerate(items, start=1):
            name = item.get("key") or item.get("name") or item.get("acronym") if isinstance(item, dict) else None
            self.record = f"{label} #{index}" + (f" ({name})" if name else "")
            if not isinstance(item, dict):
                self.problem("", "expected a mapping of fields")
                continue
            yield item

    # --- common fact fields -------------------------------------------------------------------

    def source(self, key: str | None) -> Source | None:
        key = key or self.default_source
        if key not in self._sources:
            self._sources[key] = Source.objects.filter(key=key).first()
        return self._sources[key]

    def fact_fields(self, item: dict, *, visibility_default=None) -> dict:
        """The provenance fields of a record: source, locator, quote, validity, visibility, note."""
        ref = item.get("ref")
        if ref is None or str(ref).strip() == "":
            self.fail("ref", "every fact needs `ref`, the place in its source it comes from")
        source = self.source(item.get("source"))
        if source is None:
            self.fail("source", f"unknown source '{item.get('source') or self.default_source}'")
        values = {
            "source": source,
            "locator": str(ref).strip(),
            "quote": (item.get("quote") or "").strip(),
            "valid_from": self.date(item.get("valid_from"), "valid_from")[0],
            "valid_to": self.date(item.get("valid_to"), "valid_to")[0],
            "note": (item.get("note") or "").strip(),
        }
        visibility = item.get("visibility") or visibility_default
        if visibility is not None:
            if visibility not in Visibility.values:
                self.fail("visibility", f"'{visibility}' is not one of {', '.join(Visibility.values)}")
            values["visibility"] = visibility
        return values

    def date(self, value, field_name: str):
        try:
            return parse_vague_date(value)
        except ValueError as exc:
            self.fail(field_name, str(exc))

    def choice(self, value, choices, field_name: str, *, allow_blank=True) -> str:
        if value in (None, ""):
            if allow_blank:
                return ""
            self.fail(field_name, "is required")
        if value not in choices.values:
            self.fail(field_name, f"'{value}' is not one of {', '.join(choices.values)}")
        return value

    def number(self, value, field_name: str):
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int | float):
            self.fail(field_name, f"'{value}' is not a number")
        return value

    def upsert(self, model, *, lookup: dict, values: dict, m2m: dict | None = None, rename: dict | None = None):
        """Create or update through the provenance service; validation errors become problems."""
        if "key" in lookup and not lookup["key"]:
            self.fail("key", "is required (a stable identifier such as 'battsi')")
        try:
            instance, status = fact_upsert(model=model, lookup=lookup, values=values, m2m=m2m, actor=self.actor)
        except IntegrityError as exc:
            self.fail("", f"conflicts with a stored record: {exc}")
        except ValidationError as exc:
            details = exc.message_dict if hasattr(exc, "error_dict") else {"": exc.messages}
            for field_name, messages in details.items():
                field_name = (rename or {}).get(field_name, field_name)
                self.problem("" if field_name == "__all__" else field_name, "; ".join(messages))
            raise RecordSkipped from None
        self.counts[f"{model._meta.model_name} {status}"] += 1
        return instance

    # --- references ---------------------------------------------------------------------------

    def _place_index(self) -> dict:
        if self._places is None:
            self._places = {}
            for place in Place.objects.all():
                for name in {place.key, place.code, place.name_fi, place.name_sv, place.name_en, *place.aliases}:
                    if name:
                        self._places.setdefault(normalise_name(name), place)
        return self._places

    def remember_place(self, place: Place):
        index = self._place_index()
        for name in {place.key, place.code, place.name_fi, place.name_sv, place.name_en, *place.aliases}:
            if name:
                index.setdefault(normalise_name(name), place)

    def place(self, ref, field_name: str = "place", *, required=False) -> Place | None:
        if ref in (None, ""):
            if required:
                self.fail(field_name, "is required")
            return None
        place = self._place_index().get(normalise_name(str(ref)))
        if place is None:
            self.fail(field_name, f"no place '{ref}' in the dataset (places are found by name, code or key)")
        return place

    def _organisation_index(self) -> dict:
        if self._organisations is None:
            self._organisations = {}
            for org in Organisation.objects.all():
                self.remember_organisation(org)
            for alias in Alias.objects.select_related("organisation"):
                self._organisations.setdefault(alias.normalised, alias.organisation)
        return self._organisations

    def remember_organisation(self, org: Organisation, *names: str):
        index = self._organisations if self._organisations is not None else self._organisation_index()
        for name in {org.key, org.name, org.short_name, *names}:
            if name:
                index.setdefault(normalise_name(name), org)

    def organisation(self, ref, field_name: str = "organisation", *, required=False) -> Organisation | None:
        if ref in (None, ""):
            if required:
                self.fail(field_name, "is required")
            return None
        org = self._organisation_index().get(normalise_name(str(ref)))
        if org is None:
            self.fail(
                field_name, f"no organisation '{ref}' (list it in organisations.yaml; found by key, name or alias)"
            )
        return org

    def stage(self, key, field_name: str = "stage") -> Stage | None:
        if key in (None, ""):
            return None
        stage = Stage.objects.filter(key=key).first()
        if stage is None:
            self.fail(field_name, f"no stage or theme '{key}' in the taxonomy")
        return stage

    def competence(self, key, field_name: str = "competence") -> Competence | None:
        if key in (None, ""):
            return None
        competence = Competence.objects.filter(key=key).first()
        if competence is None:
            self.fail(field_name, f"no competence '{key}' in the taxonomy")
        return competence

    def topics(self, keys, field_name: str) -> tuple[list, list]:
        """Split a list of taxonomy keys into stages and competences."""
        stages, competences = [], []
        for key in keys or []:
            found = Stage.objects.filter(key=key).first()
            if found:
                stages.append(found)
                continue
            found = Competence.objects.filter(key=key).first()
            if found is None:
                self.fail(field_name, f"'{key}' is neither a stage nor a competence of the taxonomy")
            competences.append(found)
        return stages, competences
