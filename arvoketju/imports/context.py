"""What the column specs of every kind share: reading typed values out of one row, collecting problems.

A ``RowContext`` turns the text cells of one row into model values. Each problem names the row and
the column; a row with any problem is not written, and the whole file is not written if any row has
one (the import is all-or-nothing).
"""

from __future__ import annotations

import decimal
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from arvoketju.actors.models import Organisation
from arvoketju.core.dates import parse_vague_date
from arvoketju.core.identifiers import VALIDATORS
from arvoketju.core.text import normalise_name
from arvoketju.provenance.models import Visibility

from .readers import MULTI_SEPARATOR, Problem, Row
from .selectors import Candidate, OrganisationIndex, ReferenceIndex

FACT_COLUMNS = {
    "quote": "verbatim excerpt from the source",
    "valid_from": "YYYY-MM-DD (or YYYY, YYYY-MM: the first day)",
    "valid_to": "YYYY-MM-DD",
    "visibility": "public, network or restricted",
    "note": "free text",
}
TRUE = {"true", "yes", "1", "x", "kyllä", "k", "ja", "y"}
FALSE = {"false", "no", "0", "ei", "e", "nej", "n"}
NEW = "new"  # the decision to create a new organisation for a row instead of matching a candidate


class Skip(Exception):
    """Raised inside a kind's builder once a problem that makes the rest meaningless was reported."""


@dataclass(frozen=True)
class Pending:
    """An organisation that this file creates in an earlier row; resolved when the row is written."""

    key: str

    def resolve(self):
        return Organisation.objects.get(key=self.key)


@dataclass
class Uncertain:
    """A row whose organisation is not found exactly but resembles stored ones: a person decides."""

    row: int
    column: str
    value: str
    candidates: list[Candidate]
    can_create: bool
    row_label: str = "row"

    def __str__(self):
        options = "; ".join(str(c) for c in self.candidates)
        return f"{self.row_label} {self.row}, {self.column}: '{self.value}' is not certain — {options}"


@dataclass
class Write:
    """One upsert through ``fact_upsert``. ``MAIN`` in a lookup or values stands for the row's first write;
    ``later`` writes run after every row's first writes (references to rows further down the file)."""

    model: type
    lookup: dict
    values: dict
    m2m: dict | None = None
    later: bool = False


MAIN = object()


@dataclass
class RowPlan:
    row: int
    label: str
    writes: list[Write]
    action: str = ""


@dataclass
class ImportState:
    """Shared by the rows of one import: indexes, the user's decisions, what the file creates."""

    row_label: str = "row"
    decisions: dict[int, str] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    uncertain: list[Uncertain] = field(default_factory=list)
    targets: dict[object, int] = field(default_factory=dict)  # record identity → first row naming it
    _organisations: OrganisationIndex | None = None
    references: ReferenceIndex = field(default_factory=ReferenceIndex)
    _instances: dict = field(default_factory=dict)

    @property
    def organisations(self) -> OrganisationIndex:
        if self._organisations is None:
            self._organisations = OrganisationIndex()
        return self._organisations

    def organisation(self, pk) -> Organisation:
        if pk not in self._instances:
            self._instances[pk] = Organisation.objects.get(pk=pk)
        return self._instances[pk]


class RowContext:
    """Typed values out of one row's cells; every problem is recorded with the row and column."""

    def __init__(self, row: Row, state: ImportState, locator: str):
        self.row = row
        self.state = state
        self.locator = locator
        self.problems: list[Problem] = []

    def error(self, column: str, message: str):
        self.problems.append(Problem(self.row.number, column, message, self.state.row_label))

    def fail(self, column: str, message: str):
        self.error(column, message)
        raise Skip

    def text(self, column: str) -> str:
        return self.row.get(column)

    def required(self, column: str) -> str:
        value = self.text(column)
        if not value:
            self.error(column, _("is required"))
        return value

    def choice(self, column: str, choices, *, default: str = "") -> str:
        value = self.text(column)
        if not value:
            return default
        for option, label in choices.choices:
            if normalise_name(value) in (option, normalise_name(str(label))):
                return option
        self.error(
            column, _("'%(value)s' is not one of %(options)s") % {"value": value, "options": ", ".join(choices.values)}
        )
        return default

    def integer(self, column: str, *, minimum: int | None = 0, maximum: int | None = None) -> int | None:
        value = self.text(column).replace(" ", "").replace("\u00a0", "")
        if not value:
            return None
        try:
            number = int(value.removesuffix(".0")) if len(value) < 20 else None
        except ValueError:
            number = None
        if number is None:
            self.error(column, _("'%(value)s' is not a whole number") % {"value": value})
            return None
        if (minimum is not None and number < minimum) or (maximum is not None and number > maximum):
            self.error(
                column,
                _("%(value)s is outside %(minimum)s–%(maximum)s")
                % {"value": number, "minimum": minimum, "maximum": "" if maximum is None else maximum},
            )
        return number

    def decimal(self, column: str) -> decimal.Decimal | None:
        value = self.text(column).replace(" ", "").replace("\u00a0", "").replace(",", ".")
        if not value:
            return None
        try:
            number = decimal.Decimal(value) if len(value) < 30 else None
        except decimal.InvalidOperation:
            number = None
        if number is None or not number.is_finite():
            self.error(column, _("'%(value)s' is not a number") % {"value": value})
            return None
        return number

    def boolean(self, column: str) -> bool | None:
        value = self.text(column).casefold()
        if not value:
            return None
        if value in TRUE:
            return True
        if value in FALSE:
            return False
        self.error(column, _("'%(value)s' is not yes or no (true/false)") % {"value": self.text(column)})
        return None

    def date(self, column: str):
        try:
            return parse_vague_date(self.text(column) or None)
        except ValueError as exc:
            self.error(column, str(exc))
            return None, ""

    def multi(self, column: str) -> list[str]:
        return [part.strip() for part in self.text(column).split(MULTI_SEPARATOR) if part.strip()]

    def identifier(self, scheme: str) -> str:
        value = self.text(scheme)
        if not value:
            return ""
        try:
            return VALIDATORS[scheme](value)
        except ValidationError as exc:
            self.error(scheme, "; ".join(exc.messages))
            return ""

    def reference(self, kind: str, column: str, *, required: bool = False):
        value = self.text(column)
        if not value:
            if required:
                self.error(column, _("is required"))
            return None
        found = self.state.references.find(kind, value)
        if found is None:
            self.error(column, _("no %(kind)s '%(value)s' (found by key or name)") % {"kind": kind, "value": value})
        return found

    def topics(self, column: str) -> tuple[list, list]:
        """Taxonomy stages/themes and competences named (by key or name) in one cell."""
        from arvoketju.taxonomy.models import Stage

        stages, competences = [], []
        for value in self.multi(column):
            found = self.state.references.find("topic", value)
            if found is None:
                self.error(
                    column, _("'%(value)s' is neither a stage nor a competence of the taxonomy") % {"value": value}
                )
            elif isinstance(found, Stage):
                stages.append(found)
            else:
                competences.append(found)
        return stages, competences

    def organisation(self, column: str, *, decidable: bool = False, required: bool = False):
        """An organisation named in a cell: an ``Organisation``, a ``Pending`` one of this file, or None.

        Where the name is not certain and ``decidable``, the row is listed for a person's decision
        (``--match ROW=KEY``); otherwise the candidates are named in the error.
        """
        value = self.text(column)
        if not value:
            if required:
                self.error(column, _("is required"))
            return None
        index = self.state.organisations
        if decidable and self.row.number in self.state.decisions:
            return self._decided(column, self.state.decisions[self.row.number], can_create=False)
        pks, _how = index.find(value)
        if len(pks) == 1:
            return self.state.organisation(next(iter(pks)))
        pending = index.pending.get(value) or index.pending.get(normalise_name(value))
        if pending and not pks:
            return Pending(pending)
        if pks:
            candidates = [Candidate(index.by_pk[pk][0], index.by_pk[pk][1], _("the same name")) for pk in sorted(pks)]
        else:
            candidates = index.candidates(value)
        if candidates and decidable:
            self.state.uncertain.append(
                Uncertain(self.row.number, column, value, candidates, can_create=False, row_label=self.state.row_label)
            )
            return None
        hint = (
            _("; did you mean %(names)s? write its key") % {"names": ", ".join(str(c) for c in candidates)}
            if candidates
            else ""
        )
        self.error(
            column,
            _("no organisation '%(value)s' (found by id, key, identifier, name or alias)") % {"value": value} + hint,
        )
        return None

    def _decided(self, column: str, decision: str, *, can_create: bool):
        if decision == NEW:
            if not can_create:
                self.error(column, _("only an organisations import can create an organisation; match an existing one"))
            return None
        pks, _how = self.state.organisations.find(decision)
        if len(pks) != 1:
            self.error(column, _("the chosen organisation '%(key)s' does not exist") % {"key": decision})
            return None
        return self.state.organisation(next(iter(pks)))

    def fact_values(self) -> dict:
        """Provenance columns of the row (blank cells leave stored values as they are)."""
        values = {"locator": self.locator}
        if self.text("quote"):
            values["quote"] = self.text("quote")
        if self.text("note"):
            values["note"] = self.text("note")
        for column in ("valid_from", "valid_to"):
            if self.text(column):
                values[column] = self.date(column)[0]
        if self.text("visibility"):
            values["visibility"] = self.choice("visibility", Visibility)
        return values
