"""Section loaders for what actors do: programmes, networks, projects, events, capabilities,
declared specialisations, workforce, goals and indicators (industry: ``industry_sections``)."""

from __future__ import annotations

from arvoketju.actors.models import OrganisationType
from arvoketju.capabilities.models import (
    Capability,
    CapabilityBasis,
    CapabilityKind,
    CapabilityStatus,
    SpecialisationDeclaration,
)
from arvoketju.collaboration.models import (
    AttendanceRole,
    Event,
    EventAttendance,
    EventFormat,
    EventKind,
    EventSeries,
    Membership,
    MembershipStatus,
    Network,
    NetworkKind,
    Participation,
    ParticipationRole,
    Programme,
    Project,
    ProjectStatus,
    ProjectStatusChange,
    Scope,
)
from arvoketju.collaboration.services import project_refresh_status
from arvoketju.outcomes.models import Goal, Indicator
from arvoketju.workforce.models import CompetenceNeed, CompetenceStrength, EducationLevel, EducationProgramme

from .context import LoadContext, RecordSkipped


def load_programmes(ctx: LoadContext, items):
    for item in ctx.records(items, "programme"):
        try:
            ctx.upsert(
                Programme,
                lookup={"key": item.get("key")},
                values={
                    **ctx.fact_fields(item),
                    "name": item.get("name") or "",
                    "funder": ctx.organisation(item.get("funder"), "funder"),
                    "scope": ctx.choice(item.get("scope"), Scope, "scope"),
                },
            )
        except RecordSkipped:
            continue


def load_networks(ctx: LoadContext, items):
    for item in ctx.records(items, "network"):
        try:
            counts = item.get("stated_counts") or {}
            if not isinstance(counts, dict) or not all(isinstance(v, int) for v in counts.values()):
                ctx.fail("stated_counts", "expected a mapping of names to whole numbers")
            network = ctx.upsert(
                Network,
                lookup={"key": item.get("key")},
                values={
                    **ctx.fact_fields(item),
                    "name": item.get("name") or "",
                    "kind": ctx.choice(item.get("kind") or "network", NetworkKind, "kind"),
                    "coordinator": ctx.organisation(item.get("coordinator"), "coordinator"),
                    "description": item.get("description") or "",
                    "stated_counts": counts,
                },
            )
            for member in item.get("members") or []:
                org = ctx.organisation(member.get("organisation"), "members.organisation")
                place = None if org else ctx.place(member.get("place"), "members.place", required=True)
                fields = ctx.fact_fields({**item, "quote": None, "note": None, **member})
                ctx.upsert(
                    Membership,
                    # one organisation can hold several memberships over time (member, then chair)
                    lookup={
                        "network": network,
                        "organisation": org,
                        "place": place,
                        "valid_from": fields["valid_from"],
                    },
                    values={
                        **fields,
                        "status": ctx.choice(member.get("status") or "member", MembershipStatus, "members.status"),
                    },
                )
        except RecordSkipped:
            continue


def load_projects(ctx: LoadContext, items):
    for item in ctx.records(items, "project"):
        try:
            start, start_precision = ctx.date(item.get("start"), "start")
            end, end_precision = ctx.date(item.get("end"), "end")
            numbers = item.get("register_numbers") or []
            if not isinstance(numbers, list):
                ctx.fail("register_numbers", "expected a list")
            stages, competences = ctx.topics(item.get("stages"), "stages")
            extra_stages, extra_competences = ctx.topics(item.get("competences"), "competences")
            prepared_by = None
            if item.get("prepared_by"):
                prepared_by = Network.objects.filter(key=item["prepared_by"]).first()
                if prepared_by is None:
                    ctx.fail("prepared_by", f"no network '{item['prepared_by']}' in networks.yaml")
            programme = None
            if item.get("programme"):
                programme = Programme.objects.filter(key=item["programme"]).first()
                if programme is None:
                    ctx.fail("programme", f"no programme '{item['programme']}' in programmes.yaml")
            project = ctx.upsert(
                Project,
                lookup={"key": item.get("key")},
                values={
                    **ctx.fact_fields(item),
                    "acronym": item.get("acronym") or "",
                    "title": item.get("title") or "",
                    "programme": programme,
                    "call": item.get("call") or "",
                    "register_numbers": [str(n) for n in numbers],
                    "scope": ctx.choice(item.get("scope"), Scope, "scope"),
                    "start": start,
                    "start_precision": start_precision,
                    "end": end,
                    "end_precision": end_precision,
                    "budget_eur": ctx.number(item.get("budget_eur"), "budget_eur"),
                    "description": item.get("description") or "",
                    "prepared_by": prepared_by,
                },
                m2m={"stages": stages + extra_stages, "competences": competences + extra_competences},
            )
            for sequence, step in enumerate(item.get("status_history") or [], start=1):
                date, precision = ctx.date(step.get("date"), "status_history.date")
                ctx.upsert(
                    ProjectStatusChange,
                    lookup={"project": project, "sequence": sequence},
                    values={
                        **ctx.fact_fields({**item, "quote": None, "note": None, **step}),
                        "status": ctx.choice(
                            step.get("status"), ProjectStatus, "status_history.status", allow_blank=False
                        ),
                        "date": date,
                        "date_precision": precision,
                    },
                )
            project_refresh_status(project=project, actor=ctx.actor)
            for participant in item.get("participants") or []:
                _load_participation(ctx, project, item, participant)
        except RecordSkipped:
            continue


def _load_participation(ctx: LoadContext, project, item, participant):
    org = ctx.organisation(participant.get("organisation"), "participants.organisation")
    values = {
        **ctx.fact_fields({**item, "quote": None, "note": None, **participant}),
        "role": ctx.choice(participant.get("role") or "unknown", ParticipationRole, "participants.role"),
        "actor_type": ctx.choice(participant.get("actor_type"), OrganisationType, "participants.actor_type"),
        "place": ctx.place(participant.get("place"), "participants.place"),
        "count": ctx.number(participant.get("count"), "participants.count"),
        "description": participant.get("description") or "",
    }
    if org is not None:
        lookup = {"project": project, "organisation": org}
    else:
        lookup = {
            "project": project,
            "organisation": None,
            "actor_type": values.pop("actor_type"),
            "place": values.pop("place"),
            "description": values.pop("description"),
        }
    ctx.upsert(Participation, lookup=lookup, values=values)


def load_events(ctx: LoadContext, data):
    if data is None:
        return
    for item in ctx.records(data.get("series"), "series"):
        try:
            ctx.upsert(
                EventSeries,
                lookup={"key": item.get("key")},
                values={
                    **ctx.fact_fields(item),
                    "name": item.get("name") or "",
                    "description": item.get("description") or "",
                },
            )
        except RecordSkipped:
            continue
    for item in ctx.records(data.get("events"), "event"):
        try:
            _load_event(ctx, item)
        except RecordSkipped:
            continue


def _load_event(ctx: LoadContext, item: dict):
    start, start_precision = ctx.date(item.get("start"), "start")
    end, end_precision = ctx.date(item.get("end"), "end")
    series = None
    if item.get("series"):
        series = EventSeries.objects.filter(key=item["series"]).first()
        if series is None:
            ctx.fail("series", f"no event series '{item['series']}'")
    participants = item.get("participants") or {}
    if not isinstance(participants, dict):
        ctx.fail("participants", "expected total / onsite / remote / registered counts")
    event = ctx.upsert(
        Event,
        lookup={"key": item.get("key")},
        values={
            **ctx.fact_fields(item),
            "name": item.get("name") or "",
            "series": series,
            "kind": ctx.choice(item.get("kind") or "other", EventKind, "kind"),
            "start": start,
            "start_precision": start_precision,
            "end": end,
            "end_precision": end_precision,
            "venue": item.get("venue") or "",
            "place": ctx.place(item.get("place")),
            "theme": item.get("theme") or "",
            "format": ctx.choice(item.get("format"), EventFormat, "format"),
            "participants_total": ctx.number(participants.get("total"), "participants.total"),
            "participants_onsite": ctx.number(participants.get("onsite"), "participants.onsite"),
            "participants_remote": ctx.number(participants.get("remote"), "participants.remote"),
            "participants_registered": ctx.number(participants.get("registered"), "participants.registered"),
            "cancelled": bool(item.get("cancelled")),
            "outputs": item.get("outputs") or "",
        },
    )
    base = {**item, "quote": None, "note": None}
    for role, field_name in (
        (AttendanceRole.HOST, "hosts"),
        (AttendanceRole.FACILITATOR, "facilitators"),
        (AttendanceRole.REPRESENTED, "organisations_represented"),
    ):
        for ref in item.get(field_name) or []:
            org = ctx.organisation(ref, field_name)
            ctx.upsert(
                EventAttendance,
                lookup={"event": event, "organisation": org, "place": None, "role": role},
                values=ctx.fact_fields(base),
            )
    for speaker in item.get("speakers") or []:
        speaker = {"organisation": speaker} if isinstance(speaker, str) else speaker
        org = ctx.organisation(speaker.get("organisation"), "speakers")
        topic = speaker.get("topic") or ""
        lookup = {"event": event, "organisation": org, "place": None, "role": AttendanceRole.SPEAKER}
        ctx.upsert(
            EventAttendance,
            lookup=lookup if org else {**lookup, "topic": topic},
            values={**ctx.fact_fields(base), "topic": topic},
        )
    for ref in item.get("places_represented") or []:
        place = ctx.place(ref, "places_represented")
        ctx.upsert(
            EventAttendance,
            lookup={"event": event, "organisation": None, "place": place, "role": AttendanceRole.REPRESENTED},
            values=ctx.fact_fields(base),
        )


def load_declarations(ctx: LoadContext, items):
    for item in ctx.records(items, "declaration"):
        try:
            place = ctx.place(item.get("place"), required=True)
            topics = item.get("topics") or []
            if not topics:
                ctx.fail("topics", "map the statement to at least one stage, theme or competence")
            for topic in topics:
                stage = ctx.stage(topic.get("stage") or topic.get("theme"), "topics")
                competence = ctx.competence(topic.get("competence"), "topics")
                ctx.upsert(
                    SpecialisationDeclaration,
                    lookup={"place": place, "stage": stage, "competence": competence},
                    values={
                        **ctx.fact_fields({**item, **topic}),
                        "statement": topic.get("statement") or item.get("statement") or "",
                    },
                )
        except RecordSkipped:
            continue


def load_capabilities(ctx: LoadContext, items):
    for item in ctx.records(items, "capability"):
        try:
            strength = item.get("strength")
            lookup = {
                "organisation": ctx.organisation(item.get("organisation")),
                "place": ctx.place(item.get("place")),
                "stage": ctx.stage(item.get("stage") or item.get("theme")),
                "competence": ctx.competence(item.get("competence")),
                "kind": ctx.choice(item.get("kind"), CapabilityKind, "kind", allow_blank=False),
                "basis": CapabilityBasis.STATED,
            }
            ctx.upsert(
                Capability,
                lookup={"key": item["key"]} if item.get("key") else lookup,
                values={
                    **(lookup if item.get("key") else {}),
                    **ctx.fact_fields(item),
                    "status": ctx.choice(item.get("status") or "active", CapabilityStatus, "status"),
                    "strength": ctx.number(strength, "strength"),
                    "evidence": item.get("evidence") or "",
                },
            )
        except RecordSkipped:
            continue


def _event(ctx: LoadContext, key):
    if not key:
        return None
    event = Event.objects.filter(key=key).first()
    if event is None:
        ctx.fail("event", f"no event '{key}' in events.yaml")
    return event


def load_workforce(ctx: LoadContext, data):
    if data is None:
        return
    for item in ctx.records(data.get("needs"), "need"):
        try:
            ctx.upsert(
                CompetenceNeed,
                lookup={"key": item.get("key")},
                values={
                    **ctx.fact_fields(item),
                    "need": item.get("need") or "",
                    "competence": ctx.competence(item.get("competence")),
                    "stage": ctx.stage(item.get("stage")),
                    "place": ctx.place(item.get("place")),
                    "horizon": str(item.get("horizon") or ""),
                    "event": _event(ctx, item.get("event")),
                },
            )
        except RecordSkipped:
            continue
    for item in ctx.records(data.get("strengths"), "strength"):
        try:
            ctx.upsert(
                CompetenceStrength,
                lookup={"key": item.get("key")},
                values={
                    **ctx.fact_fields(item),
                    "strength": item.get("strength") or "",
                    "competence": ctx.competence(item.get("competence")),
                    "place": ctx.place(item.get("place")),
                    "event": _event(ctx, item.get("event")),
                },
            )
        except RecordSkipped:
            continue
    for item in ctx.records(data.get("programmes"), "education programme"):
        try:
            stages, competences = ctx.topics((item.get("stages") or []) + (item.get("competences") or []), "stages")
            ctx.upsert(
                EducationProgramme,
                lookup={"key": item.get("key")},
                values={
                    **ctx.fact_fields(item),
                    "name": item.get("name") or "",
                    "provider": ctx.organisation(item.get("provider"), "provider", required=True),
                    "level": ctx.choice(item.get("level"), EducationLevel, "level", allow_blank=False),
                    "place": ctx.place(item.get("place")),
                },
                m2m={"stages": stages, "competences": competences},
            )
        except RecordSkipped:
            continue


def load_outcomes(ctx: LoadContext, data):
    if data is None:
        return
    for section, model, numbers, identity in (
        ("goals", Goal, ("target_min", "target_max", "achieved"), ("description", "metric")),
        ("indicators", Indicator, ("target", "achieved"), ("code", "name")),
    ):
        for item in ctx.records(data.get(section), section[:-1]):
            try:
                networks = item.get("networks") or ([item["network"]] if item.get("network") else [])
                ctx.upsert(
                    model,
                    lookup={"key": item.get("key")},
                    values={
                        **ctx.fact_fields(item),
                        **{f: item.get(f) or "" for f in identity},
                        "evidence": item.get("evidence") or "",
                        "work_package": item.get("work_package") or "",
                        **{f: ctx.number(item.get(f), f) for f in numbers},
                        "project": _project(ctx, item.get("project")),
                    },
                    m2m={
                        "evidence_projects": [_project(ctx, k) for k in item.get("projects") or []],
                        "evidence_networks": [_network(ctx, k) for k in networks],
                    },
                )
            except RecordSkipped:
                continue


def _project(ctx: LoadContext, key):
    if not key:
        return None
    project = Project.objects.filter(key=key).first()
    if project is None:
        ctx.fail("project", f"no project '{key}' in projects.yaml")
    return project


def _network(ctx: LoadContext, key):
    network = Network.objects.filter(key=key).first()
    if network is None:
        ctx.fail("networks", f"no network '{key}' in networks.yaml")
    return network
