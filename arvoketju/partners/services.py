"""Writes for partners: importing CORDIS project history in one transaction, all-or-nothing.

Organisations are found by PIC, then VAT number, then exactly by a name or alias (also with the
company form stripped: "Oy", "Ab", "Ltd" …); a stored organisation without a PIC whose name only
resembles the row's is an *uncertain* match, queued for a person exactly as in the bulk importer
(``--match PIC=KEY`` or ``--new PIC``). New rows are inserted in bulk through
``facts_bulk_create`` so each gets a creation record; re-importing the same files writes nothing.
"""

from __future__ import annotations

import hashlib
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from arvoketju.actors.models import Identifier, IdentifierScheme, Organisation
from arvoketju.collaboration.models import Participation, Programme, Project, Scope
from arvoketju.core.identifiers import VALIDATORS
from arvoketju.core.text import make_key, normalise_name, strip_legal_form
from arvoketju.imports.context import NEW, Uncertain
from arvoketju.imports.readers import Problem
from arvoketju.imports.selectors import OrganisationIndex
from arvoketju.provenance.models import SourceKind
from arvoketju.provenance.services import Actor, fact_upsert, facts_bulk_create, source_upsert
from arvoketju.search.signals import deferred_indexing
from arvoketju.taxonomy.models import Competence, Stage

from .cordis import PROGRAMMES, CordisData, read_cordis
from .models import ProjectClassification, ProjectTopic, TopicKind
from .vocabulary import classify_project, vocabulary_from_taxonomy

Progress = Callable[[str, int, int], None]


@dataclass
class CordisResult:
    """What a CORDIS import did (or, refused or dry, would do)."""

    rows: int = 0
    dry_run: bool = False
    applied: bool = False
    counts: dict[str, int] = field(default_factory=dict)
    matched: dict[str, int] = field(default_factory=dict)  # how organisations were found: pic, vat, name, new …
    problems: list[Problem] = field(default_factory=list)
    uncertain: list[Uncertain] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.problems and not self.uncertain

    def summary(self) -> str:
        """One line for people."""
        if self.problems:
            return _("%(count)s problem(s); nothing was imported") % {"count": len(self.problems)}
        if self.uncertain:
            return _("%(count)s organisation(s) need a decision; nothing was imported") % {"count": len(self.uncertain)}
        numbers = ", ".join(f"{v} {k}" for k, v in sorted(self.counts.items()))
        if self.dry_run:
            return _("dry run, nothing written; would create: %(numbers)s") % {"numbers": numbers or "0"}
        return _("imported %(rows)s row(s); created: %(numbers)s") % {"rows": self.rows, "numbers": numbers or "0"}


def _identify(index: OrganisationIndex, stripped: dict, org, decisions: dict) -> tuple[int | None, str, list]:
    """(stored pk or None, how, candidates) for one CORDIS organisation."""
    pk = index.by_identifier.get(("pic", org.pic))
    if pk is not None:
        return pk, "pic", []
    if org.vat:
        try:
            vat = VALIDATORS["vat"](org.vat)
        except ValidationError:
            vat = ""
        if vat and ("vat", vat) in index.by_identifier:
            return index.by_identifier[("vat", vat)], "vat", []
    has_pic = index.has_pic
    names = [n for n in (org.name, org.short_name) if n]
    for finder, how in (
        (lambda n: index.by_name.get(normalise_name(n), set()), "name"),
        (lambda n: stripped.get(strip_legal_form(n), set()), "name without company form"),
    ):
        found = set().union(*(finder(n) for n in names)) - has_pic
        if len(found) == 1:
            return next(iter(found)), how, []
    decision = decisions.get(org.pic)
    if decision == NEW:
        return None, "new", []
    if decision:
        found, _how = index.find(decision)
        if len(found) == 1:
            return next(iter(found)), "decision", []
    candidates = [c for c in index.candidates(org.name) if index.by_key.get(c.key) not in has_pic]
    if candidates:
        return None, "uncertain", candidates
    return None, "new", []


def cordis_import(
    *,
    projects: bytes,
    organizations: bytes,
    topics: bytes | None = None,
    scivoc: bytes | None = None,
    actor: Actor,
    decisions: dict[str, str] | None = None,
    dry_run: bool = False,
    progress: Progress | None = None,
) -> CordisResult:
    """Check the CORDIS files and, if every row is valid and every organisation decided, write them.

    ``decisions`` settle uncertain organisations: PIC → key of a stored organisation, or ``"new"``.
    """
    started = time.perf_counter()
    progress = progress or (lambda *a: None)
    decisions = decisions or {}
    result = CordisResult(dry_run=dry_run)
    stored = set(Project.objects.filter(key__startswith="cordis-").values_list("key", flat=True))
    data = read_cordis(
        projects=projects,
        organizations=organizations,
        topics=topics,
        scivoc=scivoc,
        stored_projects={k.removeprefix("cordis-") for k in stored},
    )
    result.rows = data.rows
    progress("checking", data.rows, data.rows)
    if data.problems:
        result.problems = data.problems
        return result
    digest = hashlib.sha256()
    for part in (projects, organizations, topics or b"", scivoc or b""):
        digest.update(hashlib.sha256(part).digest())
    with transaction.atomic(), deferred_indexing():
        _write(data, actor, decisions, result, f"cordis-{digest.hexdigest()[:16]}", progress)
        result.applied = result.ok and not dry_run
        if not result.applied:
            transaction.set_rollback(True)
    result.seconds = time.perf_counter() - started
    return result


def _write(data: CordisData, actor: Actor, decisions: dict, result: CordisResult, source_key: str, progress):
    index = OrganisationIndex()
    index.has_pic = {pk for (scheme, _v), pk in index.by_identifier.items() if scheme == "pic"}
    stripped: dict[str, set[int]] = defaultdict(set)
    for pk, names in index.names.items():
        for name in names:
            stripped[strip_legal_form(name)].add(pk)
    found: dict[str, int | None] = {}
    for pic, org in data.organisations.items():
        pk, how, candidates = _identify(index, stripped, org, decisions)
        result.matched[how] = result.matched.get(how, 0) + 1
        if how == "uncertain":
            result.uncertain.append(Uncertain(org.row, org.pic, org.name, candidates, True, "organization.csv row"))
        found[pic] = pk
    if result.uncertain:
        return
    actor.source = source_upsert(
        key=source_key,
        actor=actor,
        kind=SourceKind.DATASET,
        title=f"CORDIS project history ({len(data.projects)} projects)",
        publisher="European Commission, CORDIS",
        url="https://data.europa.eu/data/datasets/cordis-eu-research-projects-under-horizon-europe-2021-2027",
    )
    source = actor.source
    orgs = _write_organisations(data, found, index, source, actor, result)
    progress("organisations", len(orgs), len(data.organisations))
    projects = _write_projects(data, source, actor, result)
    progress("projects", len(projects), len(data.projects))
    _write_participations(data, orgs, projects, source, actor, result)
    progress("participations", len(data.participations), len(data.participations))
    _write_classifications(data, projects, source, actor, result)
    progress("classifications", len(projects), len(projects))


def _count(result: CordisResult, name: str, created: list):
    if created:
        result.counts[name] = result.counts.get(name, 0) + len(created)


def _write_organisations(data, found, index, source, actor, result) -> dict[str, Organisation]:
    taken = set(index.by_key)
    new = []
    for pic, org in data.organisations.items():
        if found[pic] is not None:
            continue
        base = make_key(org.short_name or org.name)[:100] or "organisation"
        key, n = base, 1
        while key in taken:
            n += 1
            key = f"{base}-{n}"
        taken.add(key)
        new.append(
            Organisation(
                key=key,
                name=org.name,
                short_name=org.short_name,
                type=org.type,
                is_sme=org.is_sme,
                country=org.country,
                source=source,
                locator=f"organization.csv row {org.row}",
            )
        )
    created = facts_bulk_create(instances=new, actor=actor)
    _count(result, "organisations", created)
    by_locator = {o.locator: o for o in created}
    stored = Organisation.objects.in_bulk([pk for pk in found.values() if pk is not None])
    orgs: dict[str, Organisation] = {}
    identifiers = []
    for pic, org in data.organisations.items():
        pk = found[pic]
        orgs[pic] = stored[pk] if pk is not None else by_locator[f"organization.csv row {org.row}"]
        if ("pic", pic) not in index.by_identifier and orgs[pic].pk not in index.has_pic:
            identifiers.append(
                Identifier(
                    organisation=orgs[pic],
                    scheme=IdentifierScheme.PIC,
                    value=pic,
                    source=source,
                    locator=f"organization.csv row {org.row}",
                )
            )
    _count(result, "identifiers", facts_bulk_create(instances=identifiers, actor=actor))
    for pic, org in data.organisations.items():
        target = orgs[pic]
        if found[pic] is not None and org.country and not target.country:
            fact_upsert(model=Organisation, lookup={"pk": target.pk}, values={"country": org.country}, actor=actor)
    return orgs


def _programmes(actor, source) -> dict[str, Programme]:
    programmes = {}
    for code, name in PROGRAMMES.items():
        programme = Programme.objects.filter(name__iexact=name).first()
        if programme is None:
            programme, _action = fact_upsert(
                model=Programme,
                lookup={"key": make_key(name)},
                values={"name": name, "scope": Scope.INTERNATIONAL, "source": source, "locator": "frameworkProgramme"},
                actor=actor,
            )
        programmes[code] = programme
    return programmes


def _write_projects(data, source, actor, result) -> dict[str, Project]:
    programmes = _programmes(actor, source)
    stored = {
        p.key: p
        for p in Project.objects.filter(key__in=["cordis-" + i for i in data.projects]).select_related("programme")
    }
    new, projects = [], {}
    for cordis_id, item in data.projects.items():
        values = {
            "acronym": item.acronym,
            "title": item.title,
            "programme": programmes.get(item.programme),
            "call": ";".join(code for code, _title in item.topics)[:300],
            "register_numbers": [f"CORDIS {cordis_id}"],
            "scope": Scope.INTERNATIONAL,
            "status": item.status,
            "start": item.start,
            "start_precision": "day" if item.start else "",
            "end": item.end,
            "end_precision": "day" if item.end else "",
            "description": item.objective,
        }
        key = "cordis-" + cordis_id
        if key in stored and all(_same(getattr(stored[key], name), value) for name, value in values.items()):
            projects[cordis_id] = stored[key]  # unchanged: no per-row history query
            continue
        if key in stored:
            project, action = fact_upsert(model=Project, lookup={"key": key}, values=values, actor=actor)
            if action != "unchanged":
                result.counts["projects updated"] = result.counts.get("projects updated", 0) + 1
            projects[cordis_id] = project
            continue
        project = Project(key=key, source=source, locator=f"project.csv row {item.row}", **values)
        new.append(project)
        projects[cordis_id] = project
    created = facts_bulk_create(instances=new, actor=actor)
    _count(result, "projects", created)
    return projects


def _same(stored, value) -> bool:
    if isinstance(stored, Programme) or isinstance(value, Programme):
        return getattr(stored, "pk", stored) == getattr(value, "pk", value)
    return stored == value or (stored in (None, "") and value in (None, ""))


def _write_participations(data, orgs, projects, source, actor, result):
    # a row may name a project imported earlier that this projects file does not repeat
    elsewhere = {cordis_id for cordis_id, _pic, _role, _row in data.participations if cordis_id not in projects}
    if elsewhere:
        for project in Project.objects.filter(key__in=["cordis-" + i for i in elsewhere]):
            projects[project.key.removeprefix("cordis-")] = project
    existing = set(
        Participation.objects.filter(project__in=[p.pk for p in projects.values()]).values_list(
            "project_id", "organisation_id"
        )
    )
    new = []
    for cordis_id, pic, role, row in data.participations:
        project, org = projects[cordis_id], orgs[pic]
        if (project.pk, org.pk) in existing:
            continue
        existing.add((project.pk, org.pk))
        new.append(
            Participation(
                project=project,
                organisation=org,
                role=role,
                valid_from=project.start,
                valid_to=project.end,
                source=source,
                locator=f"organization.csv row {row}",
            )
        )
    _count(result, "participations", facts_bulk_create(instances=new, actor=actor))


def _write_classifications(data, projects, source, actor, result):
    vocabulary = vocabulary_from_taxonomy()
    stages = {s.key: s for s in Stage.objects.all()}
    competences = {c.key: c for c in Competence.objects.all()}
    ids = [p.pk for p in projects.values()]
    have_topics = set(ProjectTopic.objects.filter(project__in=ids).values_list("project_id", "kind", "code"))
    have_classes = set(
        ProjectClassification.objects.filter(project__in=ids).values_list("project_id", "stage_id", "competence_id")
    )
    topics, classes, stage_links, competence_links = [], [], [], []
    for cordis_id, item in data.projects.items():
        project = projects[cordis_id]
        locator = f"project.csv row {item.row}"
        for kind, pairs in ((TopicKind.TOPIC, item.topics), (TopicKind.FIELD, [(f, "") for f in item.fields])):
            for code, title in pairs:
                if (project.pk, kind, code) not in have_topics:
                    have_topics.add((project.pk, kind, code))
                    topics.append(
                        ProjectTopic(project=project, kind=kind, code=code, title=title, source=source, locator=locator)
                    )
        found = classify_project(
            vocabulary, topics=item.topics, fields=item.fields, text=f"{item.title} {item.objective}"
        )
        for (kind, key), rule in sorted(found.items()):
            stage = stages.get(key) if kind == "stage" else None
            competence = competences.get(key) if kind == "competence" else None
            if stage is None and competence is None:
                continue
            identity = (project.pk, stage and stage.pk, competence and competence.pk)
            if identity in have_classes:
                continue
            have_classes.add(identity)
            classes.append(
                ProjectClassification(
                    project=project, stage=stage, competence=competence, rule=rule, source=source, locator=locator
                )
            )
            if stage is not None:
                stage_links.append(Project.stages.through(project_id=project.pk, stage_id=stage.pk))
            else:
                competence_links.append(Project.competences.through(project_id=project.pk, competence_id=competence.pk))
    _count(result, "topics", facts_bulk_create(instances=topics, actor=actor))
    _count(result, "classifications", facts_bulk_create(instances=classes, actor=actor))
    Project.stages.through.objects.bulk_create(stage_links, batch_size=2000, ignore_conflicts=True)
    Project.competences.through.objects.bulk_create(competence_links, batch_size=2000, ignore_conflicts=True)
