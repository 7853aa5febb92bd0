"""Bulk import: check a whole file, then write it in one transaction through the provenance services.

``import_file`` never raises for a problem in the file: it returns an ``ImportResult`` whose
``problems`` name the row, the column and the reason, and whose ``uncertain`` rows wait for a
person's decision. Nothing is written unless every row is valid and decided (all-or-nothing); a dry
run does the same work and rolls it back. Each written fact names the file as its ``Source`` (kind
``dataset``) and ``row N`` as its locator; re-importing the same file writes nothing.
"""

from __future__ import annotations

import datetime as dt
import decimal
import hashlib
import logging
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.db import DatabaseError, IntegrityError, models, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from arvoketju.actors.models import Alias, Identifier, Organisation
from arvoketju.core.text import make_key
from arvoketju.provenance.models import SourceKind
from arvoketju.provenance.services import Actor, fact_upsert, snapshot, source_upsert
from arvoketju.search.signals import deferred_indexing

from .context import MAIN, ImportState, Pending, RowContext, RowPlan, Skip, Uncertain, Write
from .kinds import KINDS, Kind
from .readers import ImportFileError, Problem, Table, read_table

logger = logging.getLogger(__name__)
Progress = Callable[[str, int, int], None]
RENAME = {"home_place": "place", "is_sme": "sme", "__all__": ""}
PROGRESS_EVERY = 500
ACTION_LABELS = {
    "created": gettext_lazy("created"),
    "updated": gettext_lazy("updated"),
    "unchanged": gettext_lazy("unchanged"),
}


@dataclass
class RowResult:
    row: int
    action: str  # created, updated, unchanged
    label: str

    @property
    def action_label(self) -> str:
        return str(ACTION_LABELS.get(self.action, self.action))


@dataclass
class ImportResult:
    """What an import did or, in a dry run or when refused, would do."""

    kind: str
    filename: str
    dry_run: bool
    format: str = ""
    sha256: str = ""
    rows: int = 0
    row_label: str = "row"
    applied: bool = False
    source_key: str = ""
    actions: list[RowResult] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    uncertain: list[Uncertain] = field(default_factory=list)

    @property
    def counts(self) -> Counter:
        return Counter(a.action for a in self.actions)

    @property
    def ok(self) -> bool:
        return not self.problems and not self.uncertain

    def summary(self) -> str:
        counts = self.counts
        numbers = ", ".join(f"{counts.get(a, 0)} {label}" for a, label in ACTION_LABELS.items())
        if self.problems:
            return _("%(count)s problem(s); nothing was imported") % {"count": len(self.problems)}
        if self.uncertain:
            return _("%(count)s row(s) need a decision; nothing was imported") % {"count": len(self.uncertain)}
        if self.dry_run:
            return _("dry run of %(rows)s row(s), nothing written: would be %(numbers)s") % {
                "rows": self.rows,
                "numbers": numbers,
            }
        return _("imported %(rows)s row(s): %(numbers)s") % {"rows": self.rows, "numbers": numbers}


def source_key_for(kind: str, filename: str, sha256: str) -> str:
    stem = make_key(PurePath(filename or "upload").stem)[:60] or "upload"
    return f"import-{kind}-{stem}-{sha256[:12]}"


def check_columns(kind: Kind, table: Table) -> list[Problem]:
    """Unknown columns and missing required columns, as problems on the header (row 1)."""
    known = kind.all_columns
    problems = [
        Problem(
            1,
            column,
            _("unknown column; the columns of %(kind)s are: %(known)s")
            % {"kind": kind.name, "known": ", ".join(known)},
        )
        for column in table.columns
        if column and column not in known
    ]
    problems += [
        Problem(1, column, _("the required column is missing"))
        for column in kind.required
        if column not in table.columns
    ]
    identity = {"organisations": ("key", "name", "business_id", "pic", "ror", "vat"), "events": ("key", "name")}
    identity["networks"] = identity["events"]
    if kind.name in identity and not set(identity[kind.name]) & set(table.columns):
        problems.append(
            Problem(
                1,
                "name",
                _("the file needs one of the columns %(columns)s") % {"columns": ", ".join(identity[kind.name])},
            )
        )
    return problems


def import_file(
    *,
    kind: str,
    data: bytes,
    filename: str,
    actor: Actor,
    dry_run: bool = False,
    fmt: str | None = None,
    decisions: dict[int, str] | None = None,
    progress: Progress | None = None,
) -> ImportResult:
    """Check ``data`` (a CSV, XLSX or JSON file) as rows of ``kind`` and, if all is well, write it.

    ``decisions`` settle uncertain organisation matches: row number → organisation key, or
    ``"new"`` to create a new organisation for that row.
    """
    result = ImportResult(kind=kind, filename=filename, dry_run=dry_run, sha256=hashlib.sha256(data).hexdigest())
    spec = KINDS.get(kind)
    if spec is None:
        result.problems.append(
            Problem(
                None, "", _("unknown kind '%(kind)s'; use one of %(kinds)s") % {"kind": kind, "kinds": ", ".join(KINDS)}
            )
        )
        return result
    try:
        table = read_table(data, filename=filename, fmt=fmt)
    except ImportFileError as exc:
        result.problems.extend(exc.problems)
        return result
    result.format, result.rows, result.row_label = table.format, len(table.rows), table.row_label
    result.problems.extend(check_columns(spec, table))
    if result.problems:
        return result
    if not table.rows:
        result.problems.append(Problem(None, "", _("the file has a header but no rows")))
        return result
    result.source_key = source_key_for(kind, filename, result.sha256)
    try:
        _run(spec, table, result, actor, decisions or {}, progress or (lambda *a: None))
    except DatabaseError as exc:  # e.g. the database is locked or gone: nothing was written
        result.applied = False
        result.problems.append(Problem(None, "", _("the database refused the import: %(reason)s") % {"reason": exc}))
    except Exception as exc:  # a bug must not become a server error; the transaction was rolled back
        logger.exception("import of %s as %s failed", filename, kind)
        result.applied = False
        result.actions = []
        result.problems.append(
            Problem(None, "", _("the import failed and nothing was written: %(reason)s") % {"reason": repr(exc)})
        )
    return result


def _run(spec: Kind, table: Table, result: ImportResult, actor: Actor, decisions: dict, progress: Progress):
    state = ImportState(row_label=table.row_label, decisions=decisions)
    total = len(table.rows)
    with transaction.atomic(), deferred_indexing():
        plans: list[RowPlan] = []
        for done, row in enumerate(table.rows, start=1):
            ctx = RowContext(row, state, f"{table.row_label} {row.number}")
            try:
                plan = spec.build(ctx)
            except Skip:
                plan = None
            state.problems.extend(ctx.problems)
            if plan is not None:  # written even with problems (then rolled back) to find the model's own errors
                plans.append(plan)
            if done % PROGRESS_EVERY == 0 or done == total:
                progress("checking", done, total)
        source = {
            "key": result.source_key,
            "kind": SourceKind.DATASET,
            "title": f"{result.filename or 'upload'} ({spec.name} import)"[:500],
            "description": f"Imported as {spec.name}; {table.format.upper()}, sha256 {result.sha256}",
        }
        writer = _Writer(actor, state, source)
        later = []
        for done, plan in enumerate(plans, start=1):
            main, actions = writer.run(plan, [w for w in plan.writes if not w.later])
            later.append((plan, main, actions))
            if done % PROGRESS_EVERY == 0 or done == len(plans):
                progress("writing", done, len(plans))
        for plan, main, actions in later:
            if main is not None:
                _main, more = writer.run(plan, [w for w in plan.writes if w.later], main=main)
                actions += more
                plan.action = _row_action(actions)
                result.actions.append(RowResult(plan.row, plan.action, plan.label))
        reported = {(p.row, p.column) for p in state.problems}
        more = [p for p in writer.problems if (p.row, p.column) not in reported]
        result.problems.extend(sorted(state.problems + more, key=lambda p: (p.row or 0, p.column)))
        result.uncertain.extend(state.uncertain)
        result.applied = result.ok and not result.dry_run
        if not result.applied:
            transaction.set_rollback(True)
    result.actions.sort(key=lambda a: a.row)


def _row_action(actions: list[str]) -> str:
    if not actions:
        return "unchanged"
    if actions[0] == "created":
        return "created"
    return "updated" if any(a != "unchanged" for a in actions) else "unchanged"


class _Writer:
    """Writes one row's upserts in a savepoint; a failing row becomes problems, the others go on."""

    def __init__(self, actor: Actor, state: ImportState, source: dict):
        self.actor = actor
        self.state = state
        self.source = source
        self.problems: list[Problem] = []
        actor.source = None

    def _source(self):
        """The file's ``Source``, created at the first write (a file that changes nothing leaves no trace)."""
        if self.actor.source is None:
            self.actor.source = source_upsert(actor=self.actor, **self.source)
        return self.actor.source

    def run(self, plan: RowPlan, writes: list[Write], main=None):
        actions, current = [], None
        try:
            with transaction.atomic():
                for current in writes:
                    instance, action = self._upsert(current, main)
                    main = main or instance
                    actions.append(action)
        except ValidationError as exc:
            details = exc.message_dict if hasattr(exc, "error_dict") else {"": exc.messages}
            for name, messages in details.items():
                self.problems.append(
                    Problem(plan.row, _column_for(current, name), "; ".join(messages), self.state.row_label)
                )
            return None, actions
        except (IntegrityError, Organisation.DoesNotExist) as exc:
            message = _("conflicts with a stored record: %(reason)s") % {"reason": exc}
            self.problems.append(Problem(plan.row, "", message, self.state.row_label))
            return None, actions
        return main, actions

    def _upsert(self, write: Write, main):
        lookup = {k: _resolve(v, main) for k, v in write.lookup.items()}
        values = {k: _resolve(v, main) for k, v in write.values.items()}
        stored = write.model.objects.filter(**lookup).first()
        if stored is not None and not _differs(stored, values, write.m2m):
            return stored, "unchanged"  # the same content: keep the source and locator it has
        values["source"] = self._source()
        return fact_upsert(model=write.model, lookup=lookup, values=values, actor=self.actor, m2m=write.m2m)


def _resolve(value, main):
    if value is MAIN:
        return main
    if isinstance(value, Pending):
        return value.resolve()
    return value


def _json_ready(value):
    if isinstance(value, decimal.Decimal):
        return format(value.normalize(), "f")
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return value


def _differs(stored, values: dict, m2m: dict | None) -> bool:
    """Whether writing ``values`` would change ``stored`` beyond its source and locator."""
    before = snapshot(stored)
    for name, value in values.items():
        if name in ("source", "locator"):
            continue
        model_field = stored._meta.get_field(name)
        if model_field.is_relation:
            if getattr(value, "pk", value) != getattr(stored, model_field.attname):
                return True
            continue
        if value is not None and not isinstance(model_field, models.JSONField):
            try:
                value = model_field.to_python(value)
            except ValidationError:
                return True  # let the write report it
        if before.get(name) != _json_ready(value):
            return True
    for name, targets in (m2m or {}).items():
        if before.get(name) != sorted(t.pk for t in targets):
            return True
    return False


def _column_for(write: Write | None, name: str) -> str:
    if write is not None and write.model is Identifier and name == "value":
        return write.lookup.get("scheme", "")
    if write is not None and write.model is Alias and name in ("name", "normalised"):
        return "aliases"
    return RENAME.get(name, name)
