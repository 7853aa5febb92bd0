"""Reads for partners: the project history a user may see, as plain data, and a cached index over it.

The index is rebuilt when anything was written since (the newest change record), for a different
visibility, or for a different cut-off date; otherwise requests reuse it, which is what keeps a
recommendation under a second with a million participations.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections import defaultdict

from django.db.models import Max

from arvoketju.accounts.selectors import represented_organisation_ids
from arvoketju.actors.models import Organisation
from arvoketju.capabilities.models import Capability, CapabilityBasis
from arvoketju.collaboration.models import Participation, Project
from arvoketju.provenance.models import ChangeRecord
from arvoketju.provenance.selectors import visible, visible_levels
from arvoketju.taxonomy.models import Competence, Stage

from .history import History, OrgRecord, ProjectRecord
from .models import ProjectTopic
from .recommend import PartnerIndex
from .vocabulary import vocabulary_from_taxonomy

_cache: dict = {}
_lock = threading.Lock()


def org_ref(key: str | None, pk: int) -> str:
    """How the partner finder names an organisation: its key, else its database id."""
    return key or str(pk)


def history_load(*, user, declared_before: dt.date | None = None) -> History:
    """Every visible organisation and dated project with members, topics, stages and competences.

    Stages and competences share one id space (``stage:KEY`` and the competence key). Stated
    capabilities (not those derived from projects) become an organisation's declared competences;
    with ``declared_before`` only those valid from before that date.
    """
    orgs: dict[str, OrgRecord] = {}
    ref_of: dict[int, str] = {}
    rows = visible(Organisation.objects.all(), user).values_list(
        "pk", "key", "name", "type", "country", "is_sme", "home_place__name_fi"
    )
    for pk, key, name, kind, country, sme, place in rows.iterator(chunk_size=5000):
        ref = org_ref(key, pk)
        ref_of[pk] = ref
        # the registry's places are Finnish municipalities: an organisation placed there is in Finland
        orgs[ref] = OrgRecord(ref, kind, country or ("FI" if place else ""), sme, set(), name, place or "")
    projects: dict[int, ProjectRecord] = {}
    for pk, key, acronym, title, start in (
        visible(Project.objects.exclude(start=None), user)
        .values_list("pk", "key", "acronym", "title", "start")
        .iterator()
    ):
        projects[pk] = ProjectRecord(key or str(pk), start, [], [], set(), acronym or title[:40])
    members = visible(Participation.objects.exclude(organisation=None), user).values_list(
        "project_id", "organisation_id"
    )
    for project_id, org_id in members.iterator(chunk_size=20000):
        project = projects.get(project_id)
        if project is not None and org_id in ref_of:
            project.members.append(ref_of[org_id])
    for project_id, key in Project.competences.through.objects.values_list("project_id", "competence__key"):
        if project_id in projects:
            projects[project_id].competences.add(key)
    for project_id, key in Project.stages.through.objects.values_list("project_id", "stage__key"):
        if project_id in projects:
            projects[project_id].competences.add("stage:" + key)
    for project_id, code in visible(ProjectTopic.objects.all(), user).values_list("project_id", "code"):
        if project_id in projects:
            projects[project_id].topics.append(code)
    capabilities = visible(Capability.objects.filter(basis=CapabilityBasis.STATED).exclude(organisation=None), user)
    if declared_before is not None:
        capabilities = capabilities.exclude(valid_from__gte=declared_before)
    for org_id, stage, competence in capabilities.values_list("organisation_id", "stage__key", "competence__key"):
        if org_id in ref_of:
            orgs[ref_of[org_id]].declared.add(competence or "stage:" + stage if (competence or stage) else "")
    for org in orgs.values():
        org.declared.discard("")
    return History(list(projects.values()), orgs, vocabulary_labels())


def vocabulary_labels() -> dict[str, str]:
    """Competence key → English term, ``stage:KEY`` → stage name (for explanations)."""
    labels = {c.key: c.term_en or c.term_fi for c in Competence.objects.all()}
    labels.update({"stage:" + s.key: s.name_en or s.name_fi for s in Stage.objects.all()})
    return labels


def partner_index(*, user, before: dt.date | None = None) -> PartnerIndex:
    """The (cached) index over the history ``user`` may see, optionally only before a date."""
    version = ChangeRecord.objects.aggregate(last=Max("pk"))["last"]
    key = (tuple(visible_levels(user)), tuple(sorted(represented_organisation_ids(user) or ())), version, before)
    with _lock:
        if key in _cache:
            return _cache[key]
    index = PartnerIndex(history_load(user=user, declared_before=before), before=before)
    with _lock:
        _cache.clear()
        _cache[key] = index
    return index


def vocabulary_match(*, text: str) -> dict[str, list[str]]:
    """Stages (``stage:KEY``) and competences a free text mentions, for building a call profile."""
    found = defaultdict(list)
    for (kind, key), _term in vocabulary_from_taxonomy().match(text).items():
        found["competences"].append(key if kind == "competence" else "stage:" + key)
    return {"competences": sorted(found["competences"])}
