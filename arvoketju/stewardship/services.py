"""Writes for update links, change requests, surveys and reminders.

Nothing here writes a fact directly: approving a change request goes through
``provenance.services.fact_save`` with an ``Actor`` whose source stands for the representative, so
the history says who proposed the change (the source) and who approved it (the user).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from arvoketju.actors.models import Identifier, Organisation
from arvoketju.places.models import Place
from arvoketju.provenance.services import Actor, ConflictError, fact_save, source_upsert

from .models import (
    ChangeKind,
    ChangeRequest,
    ChangeStatus,
    LinkKind,
    ReminderLog,
    Survey,
    UpdateLink,
    token_digest,
)
from .selectors import organisation_contact_email, organisations_stale
from .surveys import read_definition
from .targets import IDENTIFIER_SCHEMES, ORGANISATION_FIELDS, build_row

BUILTIN_SURVEYS = Path(settings.DATASETS_DIR) / "surveys"


def link_days() -> int:
    return int(getattr(settings, "ARVOKETJU_LINK_DAYS", 30))


def link_create(
    *,
    organisation: Organisation,
    kind: str = LinkKind.UPDATE,
    survey: Survey | None = None,
    sent_to: str = "",
    days: int | None = None,
    created_by=None,
    created_by_label: str = "",
) -> tuple[UpdateLink, str]:
    """A new link for one organisation; returns ``(link, token)``. The token is not stored (only its
    digest): show it or send it now."""
    if kind == LinkKind.SURVEY and survey is None:
        raise ValidationError(_("a survey link needs a survey"))
    token = UpdateLink.new_token()
    link = UpdateLink(
        organisation=organisation,
        kind=kind,
        survey=survey if kind == LinkKind.SURVEY else None,
        digest=token_digest(token),
        prefix=token[:6],
        sent_to=sent_to,
        created_by=created_by if getattr(created_by, "is_authenticated", False) else None,
        created_by_label=(created_by_label or (created_by.get_username() if created_by else ""))[:200],
        expires_at=timezone.now() + dt.timedelta(days=link_days() if days is None else days),
    )
    link.full_clean(exclude=["digest"])
    link.save()
    return link, token


def link_path(link: UpdateLink, token: str) -> str:
    name = "stewardship:survey" if link.kind == LinkKind.SURVEY else "stewardship:update"
    with translation.override(None):
        return reverse(name, kwargs={"token": token})


def link_url(link: UpdateLink, token: str) -> str:
    """The absolute address to send (``ARVOKETJU_BASE_URL``, default http://127.0.0.1:8000)."""
    base = getattr(settings, "ARVOKETJU_BASE_URL", "http://127.0.0.1:8000").rstrip("/")
    return base + link_path(link, token)


def link_revoke(*, link: UpdateLink) -> UpdateLink:
    if link.revoked_at is None:
        link.revoked_at = timezone.now()
        link.save(update_fields=["revoked_at"])
    return link


def link_record_use(*, link: UpdateLink) -> None:
    UpdateLink.objects.filter(pk=link.pk).update(last_used_at=timezone.now(), use_count=link.use_count + 1)


def link_send(*, link: UpdateLink, token: str, to: str, sent_by: str) -> ReminderLog:
    """E-mail a link (Django's e-mail backend; the console by default) and record that it was sent."""
    organisation = link.organisation
    if link.kind == LinkKind.SURVEY:
        subject = _("Survey: %(survey)s — %(organisation)s") % {"survey": link.survey, "organisation": organisation}
        intro = _("You are invited to answer the survey “%(survey)s” for %(organisation)s.")
    else:
        subject = _("Please check what arvoketju says about %(organisation)s") % {"organisation": organisation}
        intro = _("Please check what the arvoketju registry says about %(organisation)s and correct or confirm it.")
    body = "\n\n".join(
        [
            intro % {"survey": link.survey, "organisation": organisation},
            link_url(link, token),
            _("The link works without an account until %(date)s. Editors review every change before it is saved.")
            % {"date": timezone.localtime(link.expires_at).date().isoformat()},
        ]
    )
    send_mail(subject, body, None, [to])
    if not link.sent_to:
        link.sent_to = to
        link.save(update_fields=["sent_to"])
    return ReminderLog.objects.create(
        organisation=organisation, link=link, sent_to=to, subject=subject, sent_by=sent_by
    )


# ---------------------------------------------------------------- submissions


def _max_pending() -> int:
    return int(getattr(settings, "ARVOKETJU_LINK_MAX_SUBMISSIONS", 10))


class TooManySubmissions(Exception):
    """A link has been used for as many change requests as it may."""


def change_request_submit(
    *,
    link: UpdateLink,
    name: str,
    email: str = "",
    organisation_changes: dict | None = None,
    identifier_changes: dict | None = None,
    seen: dict | None = None,
    rows: list | None = None,
    answers: dict | None = None,
) -> ChangeRequest:
    """Record what a representative submitted through a link; nothing in the registry changes.

    A submission without any change confirms the record as it is: it is applied at once, which
    only sets the organisation's ``last_confirmed``.
    """
    with transaction.atomic():
        link = UpdateLink.objects.select_for_update().get(pk=link.pk)
        if link.change_requests.count() >= _max_pending():
            raise TooManySubmissions()
        organisation = link.organisation
        proposed = {
            "organisation": organisation_changes or {},
            "identifiers": identifier_changes or {},
            "rows": rows or [],
            "answers": answers or {},
            "seen": seen or {},
        }
        unchanged = not any(proposed[k] for k in ("organisation", "identifiers", "rows", "answers"))
        base = {"organisation": organisation.version}
        for identifier in organisation.identifiers.filter(scheme__in=IDENTIFIER_SCHEMES):
            base[f"identifier:{identifier.scheme}"] = identifier.version
        request = ChangeRequest.objects.create(
            organisation=organisation,
            kind=ChangeKind.SURVEY if link.kind == LinkKind.SURVEY else ChangeKind.UPDATE,
            link=link,
            survey=link.survey,
            proposed=proposed,
            base_versions=base,
            confirmed_unchanged=unchanged,
            submitted_name=name.strip()[:200],
            submitted_email=email.strip(),
        )
    if unchanged:
        _confirm(request)
    return request


def representative_source(request: ChangeRequest):
    """The source that stands for the person who answered: one per change request."""
    organisation = request.organisation
    # stored text is English whatever the active language (decision 14)
    title = f"Update from {request.submitted_name} via {'survey' if request.kind == 'survey' else 'update link'}"
    return source_upsert(
        key=f"update-{organisation.key or organisation.pk}-{request.pk}"[:120],
        actor=Actor(label="arvoketju stewardship"),
        kind="survey" if request.kind == ChangeKind.SURVEY else "editor",
        title=f"{title}: {organisation.name}"[:500],
        publisher=organisation.name[:300],
        published=timezone.localdate(request.submitted_at).isoformat(),
        visibility="public",
    )


def _locator(request: ChangeRequest) -> str:
    return f"change request {request.pk}"


def _confirm(request: ChangeRequest):
    """Only the freshness stamp: the representative says the record is right as it is."""
    source = representative_source(request)
    actor = Actor(label=f"{request.submitted_name} (update link)", source=source)
    organisation = Organisation.objects.get(pk=request.organisation_id)
    organisation.last_confirmed = timezone.localdate()
    fact_save(instance=organisation, actor=actor)
    request.status = ChangeStatus.APPLIED
    request.reviewed_at = timezone.now()
    request.result = {"organisation": ["last_confirmed"]}
    request.save(update_fields=["status", "reviewed_at", "result"])


def organisation_values(organisation: Organisation) -> dict:
    """The organisation's editable values as they are shown and proposed (places by id)."""
    values = {name: getattr(organisation, name) for name in ORGANISATION_FIELDS if name != "home_place"}
    values["home_place"] = organisation.home_place_id
    for scheme in IDENTIFIER_SCHEMES:
        identifier = organisation.identifiers.filter(scheme=scheme).first()
        values[f"identifier:{scheme}"] = identifier.value if identifier else ""
    return values


def validate_organisation_changes(organisation: Organisation, changes: dict, identifiers: dict) -> None:
    """Check proposed values as the model would (``full_clean``) without saving anything."""
    candidate = Organisation.objects.get(pk=organisation.pk)
    _set_organisation_fields(candidate, changes)
    candidate.full_clean(validate_unique=False)
    for scheme, value in identifiers.items():
        if value:
            identifier = Identifier(
                organisation=candidate, scheme=scheme, value=value, source_id=candidate.source_id, locator="check"
            )
            try:
                identifier.full_clean()
            except ValidationError as exc:
                if hasattr(exc, "error_dict") and set(exc.error_dict) <= {"__all__"}:
                    clash = Identifier.objects.filter(scheme=scheme, value=identifier.value)
                    if clash.exclude(organisation=organisation).exists():
                        raise ValidationError({f"identifier:{scheme}": _("another organisation has this ID")}) from None
                    continue
                messages = exc.message_dict.get("value") or exc.messages
                raise ValidationError({f"identifier:{scheme}": messages}) from None


def _set_organisation_fields(organisation: Organisation, changes: dict):
    unknown = sorted(set(changes) - set(ORGANISATION_FIELDS))
    if unknown:
        raise ValidationError({name: _("this field cannot be changed through a link") for name in unknown})
    for name, value in changes.items():
        if name == "home_place":
            organisation.home_place = Place.objects.filter(pk=value).first() if value else None
        else:
            setattr(organisation, name, "" if value is None and name != "is_sme" else value)


class ReviewError(Exception):
    """A change request cannot be applied as it stands (already reviewed, invalid values)."""


def change_request_update(*, request: ChangeRequest, reviewer, proposed: dict) -> ChangeRequest:
    """An editor adjusts the proposed values before approving; the request keeps what was sent
    in ``proposed["submitted"]`` the first time it is edited."""
    if request.status != ChangeStatus.PENDING:
        raise ReviewError(_("this change request has already been reviewed"))
    original = request.proposed.get("submitted") or {
        k: v for k, v in request.proposed.items() if k in ("organisation", "identifiers", "rows")
    }
    request.proposed = {**request.proposed, **proposed, "submitted": original}
    request.comment = request.comment
    request.save(update_fields=["proposed"])
    return request


def change_request_rebase(*, request: ChangeRequest) -> ChangeRequest:
    """Accept that the record changed since the representative saw it: the editor has looked at the
    current values, so approving may go ahead against them."""
    organisation = Organisation.objects.get(pk=request.organisation_id)
    base = {"organisation": organisation.version}
    for identifier in organisation.identifiers.filter(scheme__in=IDENTIFIER_SCHEMES):
        base[f"identifier:{identifier.scheme}"] = identifier.version
    request.base_versions = base
    request.save(update_fields=["base_versions"])
    return request


def change_request_apply(*, request: ChangeRequest, reviewer) -> ChangeRequest:
    """Approve and apply a change request through the write services, in one transaction.

    The representative is the source of every changed value (``field_sources`` on existing rows,
    ``source`` on new ones), the reviewer the user in the history. Raises ``ConflictError`` when the
    organisation (or its identifier) changed after the representative saw it, and
    ``ValidationError`` when a value is no longer valid; then nothing is written.
    """
    if request.status != ChangeStatus.PENDING:
        raise ReviewError(_("this change request has already been reviewed"))
    source = representative_source(request)
    locator = _locator(request)
    actor = Actor(
        label=f"{reviewer.get_username()} (approved change request {request.pk} from {request.submitted_name})"[:200],
        user=reviewer,
        source=source,
    )
    reference = {"source": source.key, "locator": locator}
    result = {"organisation": [], "identifiers": [], "rows": [], "kept": []}
    with transaction.atomic():
        organisation = Organisation.objects.select_for_update().get(pk=request.organisation_id)
        changes = request.proposed.get("organisation") or {}
        _set_organisation_fields(organisation, changes)
        field_sources = dict(organisation.field_sources or {})
        for name in changes:
            field_sources[name] = reference
        organisation.field_sources = field_sources
        organisation.last_confirmed = timezone.localdate()
        expected = request.base_versions.get("organisation") if changes else None
        fact_save(instance=organisation, actor=actor, expected_version=expected)
        result["organisation"] = sorted(changes) + ["last_confirmed"]
        for scheme, value in (request.proposed.get("identifiers") or {}).items():
            _apply_identifier(request, organisation, scheme, value, actor, reference)
            result["identifiers"].append(scheme)
        for row in request.proposed.get("rows") or []:
            if row.get("skip"):
                continue
            built = build_row(organisation, row)
            if built.instance is None:
                result["kept"].append(row)
                continue
            for instance in [built.instance, *built.extra]:
                if built.is_new or instance is not built.instance:
                    instance.source, instance.locator = source, locator
                elif built.changed:
                    sources = dict(instance.field_sources or {})
                    sources.update({name: reference for name in built.changed})
                    instance.field_sources = sources
                else:
                    continue
                fact_save(instance=instance, actor=actor, m2m=built.m2m if instance is built.instance else None)
                result["rows"].append(f"{instance._meta.label_lower}:{instance.pk}")
        request.status = ChangeStatus.APPLIED
        request.reviewer = reviewer
        request.reviewed_at = timezone.now()
        request.result = result
        request.save(update_fields=["status", "reviewer", "reviewed_at", "result"])
    return request


def _apply_identifier(request, organisation, scheme, value, actor, reference):
    identifier = organisation.identifiers.filter(scheme=scheme).first()
    expected = request.base_versions.get(f"identifier:{scheme}")
    if identifier is None:
        if expected is not None:
            raise ConflictError(Identifier(organisation=organisation, scheme=scheme), expected, None)
        if value:
            fact_save(
                instance=Identifier(
                    organisation=organisation,
                    scheme=scheme,
                    value=value,
                    source=actor.source,
                    locator=reference["locator"],
                ),
                actor=actor,
            )
        return
    if expected is None:
        raise ConflictError(identifier, None, identifier.version)
    identifier.value = value
    identifier.field_sources = {**(identifier.field_sources or {}), "value": reference}
    if value:
        fact_save(instance=identifier, actor=actor, expected_version=expected)
    else:
        from arvoketju.provenance.services import fact_delete

        fact_delete(instance=identifier, actor=actor, expected_version=expected)


def change_request_reject(*, request: ChangeRequest, reviewer, comment: str = "") -> ChangeRequest:
    """Reject a change request (nothing in the registry changes); the comment says why."""
    if request.status != ChangeStatus.PENDING:
        raise ReviewError(_("this change request has already been reviewed"))
    request.status = ChangeStatus.REJECTED
    request.reviewer = reviewer
    request.reviewed_at = timezone.now()
    request.comment = comment
    request.save(update_fields=["status", "reviewer", "reviewed_at", "comment"])
    return request


# ---------------------------------------------------------------- surveys


def survey_load(*, path: Path) -> tuple[Survey, str]:
    """Load (or reload) a survey file; returns ``(survey, "created"|"updated"|"unchanged")``."""
    definition = read_definition(path)
    survey = Survey.objects.filter(key=definition["key"]).first()
    values = {
        "title": str(definition["title"] if not isinstance(definition["title"], dict) else _title(definition)),
        "description": str(definition.get("description_text") or ""),
        "definition": definition,
        "file": str(path)[:500],
    }
    if survey is None:
        survey = Survey(key=definition["key"], **values)
        survey.full_clean()
        survey.save()
        return survey, "created"
    if all(getattr(survey, k) == v for k, v in values.items() if k != "file"):
        return survey, "unchanged"
    for name, value in values.items():
        setattr(survey, name, value)
    survey.full_clean()
    survey.save()
    return survey, "updated"


def _title(definition) -> str:
    title = definition["title"]
    return title.get("fi") or title.get("en") or next(iter(title.values()))


def survey_builtin(key: str) -> Survey | None:
    """A survey by key; a built-in one (``datasets/surveys/KEY.yaml``) is loaded on first use."""
    survey = Survey.objects.filter(key=key).first()
    if survey is None and (BUILTIN_SURVEYS / f"{key}.yaml").is_file():
        survey, _status = survey_load(path=BUILTIN_SURVEYS / f"{key}.yaml")
    return survey


# ---------------------------------------------------------------- reminders


def reminders_send(*, older_than: int | None = None, dry_run: bool = False, sent_by: str = "arvoketju remind"):
    """Send an update link to every organisation not confirmed within ``older_than`` days that has a
    contact e-mail and no live update link sent to it already (so a daily run does not repeat
    itself before the last link expires). Returns a list of ``(organisation, email or "", url or
    "", reason)``; with ``dry_run`` nothing is created, sent or recorded."""
    outcome = []
    pending = set(
        UpdateLink.objects.live()
        .filter(kind=LinkKind.UPDATE)
        .exclude(sent_to="")
        .values_list("organisation_id", flat=True)
    )
    for organisation in organisations_stale(days=older_than):
        if organisation.pk in pending:
            outcome.append((organisation, "", "", "pending"))
            continue
        email = organisation_contact_email(organisation)
        if not email:
            outcome.append((organisation, "", "", "no-email"))
            continue
        if dry_run:
            outcome.append((organisation, email, "", "sent"))
            continue
        link, token = link_create(organisation=organisation, sent_to=email, created_by_label=sent_by)
        link_send(link=link, token=token, to=email, sent_by=sent_by)
        outcome.append((organisation, email, link_url(link, token), "sent"))
    return outcome
