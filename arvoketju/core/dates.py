"""Dates as sources state them: a day, a month or only a year."""

import datetime as dt
import re

from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


class Precision(models.TextChoices):
    """How much of a stored date the source actually stated."""

    DAY = "day", _("day")
    MONTH = "month", _("month")
    YEAR = "year", _("year")


_PATTERN = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")


def parse_vague_date(value) -> tuple[dt.date | None, str]:
    """Parse ``"2025"``, ``"2024-10"`` or ``"2024-10-02"`` into (first day, precision).

    ``None`` or an empty string gives ``(None, "")``. Raises ``ValueError`` with a readable
    message for anything else.
    """
    if value is None or value == "":
        return None, ""
    if isinstance(value, dt.datetime):
        return value.date(), Precision.DAY
    if isinstance(value, dt.date):
        return value, Precision.DAY
    if isinstance(value, int):
        value = str(value)
    match = _PATTERN.match(str(value).strip())
    if not match:
        raise ValueError(f"'{value}' is not a date (use YYYY, YYYY-MM or YYYY-MM-DD)")
    year, month, day = match.groups()
    try:
        date = dt.date(int(year), int(month or 1), int(day or 1))
    except ValueError as exc:
        raise ValueError(f"'{value}' is not a valid date: {exc}") from None
    precision = Precision.DAY if day else Precision.MONTH if month else Precision.YEAR
    return date, precision


def format_vague_date(date: dt.date | None, precision: str) -> str | None:
    """Render a stored date with no more precision than the source gave."""
    if date is None:
        return None
    if precision == Precision.YEAR:
        return f"{date.year:04d}"
    if precision == Precision.MONTH:
        return f"{date.year:04d}-{date.month:02d}"
    return date.isoformat()


EARLIEST = dt.date(1900, 1, 1)
LATEST = dt.date(2100, 12, 31)


class BadDate(ValueError):
    """A date that is not YYYY-MM-DD or is outside 1900–2100."""


def parse_date(value, *, default: dt.date | None = None) -> dt.date | None:
    """``YYYY-MM-DD`` → date; empty → ``default``; anything else raises ``BadDate`` with a message."""
    value = (value or "").strip()
    if not value:
        return default
    try:
        parsed = dt.date.fromisoformat(value)
    except ValueError:
        raise BadDate(gettext("“{value}” is not a date; write it as YYYY-MM-DD.").format(value=value[:40])) from None
    if not EARLIEST <= parsed <= LATEST:
        raise BadDate(gettext("{value} is outside the years 1900–2100.").format(value=value))
    return parsed
