"""Text analysis for search, as pure functions: Finnish-aware word forms.

Finnish inflects and compounds: "akkukennojen" is the genitive plural of "akkukenno", which is
"akku" + "kenno". With the Voikko analyser (Debian's ``voikko-fi``, found through ``libvoikko``)
a word gives its base forms and, for compounds, the base forms of its parts. Without Voikko the
Snowball stemmers for Finnish, Swedish and English stand in (coarser, but inflected forms of one word
still meet). The index stores every form of every word of a text; a query word matches a text when
one of its *whole-word* forms (the word, its base forms, its stems — not its compound parts) is
among them. So "kenno" finds "akkukenno", but "akkukennojen" does not find every text about "akku".
"""

from __future__ import annotations

import functools
import re
import unicodedata

import snowballstemmer

MAX_TERM_LENGTH = 64
MIN_PART_LENGTH = 3
WORD = re.compile(r"[^\W_]+", re.UNICODE)
PART = re.compile(r"\(([^)+][^)]*)\)")
STOPWORDS = frozenset(
    "ja tai sekä on ei se ne että kuin myös and or of the in for to a an och eller i på av för att en ett med".split()
)
_STEMMERS = {language: snowballstemmer.stemmer(language) for language in ("finnish", "swedish", "english")}


@functools.cache
def _voikko():
    """The Finnish analyser, or None when Voikko or its dictionary is not installed."""
    try:
        import libvoikko

        return libvoikko.Voikko("fi")
    except Exception:  # noqa: BLE001 - a missing library, library file or dictionary all mean "not available"
        return None


def finnish_analyser_available() -> bool:
    """Whether the Voikko analyser is in use (otherwise the Snowball stemmers stand in)."""
    return _voikko() is not None


def fold(text: str) -> str:
    """Case-folded, NFC-normalised text (ä, ö and å stay: they are letters of their own in Finnish)."""
    return unicodedata.normalize("NFC", text).casefold()


def words(text: str) -> list[str]:
    """The words of a text, folded; hyphenated and slashed compounds split at the hyphen."""
    return [w for w in WORD.findall(fold(text or "")) if len(w) <= MAX_TERM_LENGTH]


@functools.lru_cache(maxsize=200_000)
def _analyse(word: str) -> tuple[frozenset[str], frozenset[str]]:
    """``(whole-word forms, compound parts)`` of one folded word."""
    forms = {word}
    parts = set()
    analyser = _voikko()
    if analyser is not None and not word.isdigit():
        for analysis in analyser.analyze(word):
            base = analysis.get("BASEFORM")
            if base:
                forms.add(fold(base))
            found = [fold(p) for p in PART.findall(analysis.get("WORDBASES") or "")]
            if len(found) > 1:
                parts.update(p for p in found if len(p) >= MIN_PART_LENGTH)
    for stemmer in _STEMMERS.values():
        stem = stemmer.stemWord(word)
        if len(stem) >= 2:
            forms.add(stem)
    return frozenset(f for f in forms if len(f) <= MAX_TERM_LENGTH), frozenset(parts - forms)


def index_terms(text: str) -> set[str]:
    """Every term under which a text is found: each word's forms and compound parts."""
    terms = set()
    for word in words(text):
        forms, parts = _analyse(word)
        terms |= forms | parts
    return terms


def query_terms(query: str, *, max_words: int = 8) -> list[frozenset[str]]:
    """For each word of a query (stopwords dropped), the alternative terms that match it."""
    result = []
    for word in words(query):
        if word in STOPWORDS and len(words(query)) > 1:
            continue
        forms, _parts = _analyse(word)
        if forms not in result:
            result.append(forms)
    return result[:max_words]
