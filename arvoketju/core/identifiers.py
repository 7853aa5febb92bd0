"""Validation of organisation identifiers: Finnish business ID, EU PIC, ROR id, VAT number.

Each validator returns the normalised value or raises ``django.core.exceptions.ValidationError``
with a message that says what is wrong (e.g. which check digit was expected).
"""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from stdnum.eu import vat as eu_vat
from stdnum.exceptions import ValidationError as StdnumError
from stdnum.fi import ytunnus

BUSINESS_ID_FORMAT = re.compile(r"^\d{7}-\d$")
PIC_FORMAT = re.compile(r"^\d{9}$")
ROR_FORMAT = re.compile(r"^0[0-9a-hjkmnp-tv-z]{6}\d{2}$")
_CROCKFORD = "0123456789abcdefghjkmnpqrstvwxyz"


def validate_business_id(value: str) -> str:
    """Finnish business ID (Y-tunnus) ``NNNNNNN-C`` with its modulo-11 check digit."""
    compact = ytunnus.compact(value or "")
    if len(compact) == 7:
        compact = "0" + compact
    formatted = f"{compact[:7]}-{compact[7:]}" if len(compact) == 8 else value
    if not BUSINESS_ID_FORMAT.match(formatted or ""):
        raise ValidationError(
            _("'%(value)s' is not a Finnish business ID (format 1234567-8)"),
            params={"value": value},
            code="format",
        )
    expected = business_id_check_digit(compact[:7])
    if expected is None:
        raise ValidationError(
            _("'%(value)s' cannot be a Finnish business ID: no valid check digit exists for %(body)s"),
            params={"value": value, "body": compact[:7]},
            code="checksum",
        )
    if compact[7] != expected:
        raise ValidationError(
            _("check digit should be %(expected)s, not %(given)s"),
            params={"expected": expected, "given": compact[7]},
            code="checksum",
        )
    ytunnus.validate(formatted)  # independent confirmation by python-stdnum
    return formatted


def business_id_check_digit(body: str) -> str | None:
    """The modulo-11 check digit for seven digits, or None when no digit is valid (remainder 1)."""
    remainder = sum(int(d) * w for d, w in zip(body, (7, 9, 10, 5, 8, 4, 2), strict=True)) % 11
    if remainder == 1:
        return None
    return "0" if remainder == 0 else str(11 - remainder)


def validate_pic(value: str) -> str:
    """EU Participant Identification Code: nine digits."""
    value = (value or "").strip()
    if not PIC_FORMAT.match(value):
        raise ValidationError(_("'%(value)s' is not an EU PIC (nine digits)"), params={"value": value}, code="format")
    return value


def validate_ror(value: str) -> str:
    """ROR id such as ``03yj89h83`` (a ``https://ror.org/`` prefix is accepted and removed)."""
    raw = (value or "").strip().lower()
    raw = re.sub(r"^(https?://)?ror\.org/", "", raw)
    if not ROR_FORMAT.match(raw):
        raise ValidationError(_("'%(value)s' is not a ROR id (e.g. 03yj89h83)"), params={"value": value}, code="format")
    number = 0
    for char in raw[:7]:
        number = number * 32 + _CROCKFORD.index(char)
    expected = 98 - (number * 100) % 97
    if int(raw[7:]) != expected:
        raise ValidationError(
            _("ROR checksum should be %(expected)02d, not %(given)s"),
            params={"expected": expected, "given": raw[7:]},
            code="checksum",
        )
    return raw


def validate_vat(value: str) -> str:
    """EU VAT number (country prefix and the country's own check)."""
    try:
        return eu_vat.validate(value or "")
    except StdnumError as exc:
        raise ValidationError(
            _("'%(value)s' is not a valid EU VAT number: %(reason)s"),
            params={"value": value, "reason": str(exc)},
            code="invalid",
        ) from None


VALIDATORS = {
    "business_id": validate_business_id,
    "pic": validate_pic,
    "ror": validate_ror,
    "vat": validate_vat,
}


MAX_DATABASE_ID = 2**63 - 1


def as_database_id(ref: str) -> int | None:
    """``ref`` as a primary key when it is one (ASCII digits within the database's integer range), else None.

    ``str.isdigit`` also accepts characters such as "³", which ``int`` then rejects.
    """
    if ref.isascii() and ref.isdigit() and int(ref) <= MAX_DATABASE_ID:
        return int(ref)
    return None
