"""Text normalisation for matching names and aliases."""

import re
import unicodedata

from django.utils.text import slugify

_SPACES = re.compile(r"\s+")
LEGAL_FORM_SUFFIXES = (" oyj", " oy", " ab", " ry", " rf", " ky", " ltd", " gmbh", " sa", " nv", " as")


def normalise_name(name: str) -> str:
    """Case- and space-insensitive form of a name, keeping Finnish letters (ä, ö, å)."""
    return _SPACES.sub(" ", unicodedata.normalize("NFC", name or "").casefold()).strip()


def strip_legal_form(name: str) -> str:
    """Drop a trailing company-form suffix (Oy, Oyj, Ab, ry, Ltd …) for comparison."""
    normalised = normalise_name(name)
    for suffix in LEGAL_FORM_SUFFIXES:
        if normalised.endswith(suffix):
            return normalised[: -len(suffix)].rstrip(" ,")
    return normalised


def make_key(text: str) -> str:
    """A stable kebab-case key from a name (ä→a, ö→o)."""
    return slugify(unicodedata.normalize("NFKD", text or "").encode("ascii", "ignore").decode())[:120]
