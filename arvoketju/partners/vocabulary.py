"""Text to value-chain vocabulary: which stages and competences a text mentions, and by which term.

Pure functions over plain data. A ``Vocabulary`` is built once from the taxonomy (competence terms in
Finnish, Swedish and English plus synonyms; stage names) and then matches any number of texts with
one compiled regular expression. Short all-capital acronyms (``LIB``, ``RFB``) match only in capitals,
so "lib" inside ordinary words or lower-case text does not count.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

MIN_TERM = 3


@dataclass
class Term:
    """One vocabulary entry: ``kind`` is ``stage`` or ``competence``, ``key`` its taxonomy key."""

    kind: str
    key: str
    terms: list[str]
    label: str = ""
    stages: list[str] = field(default_factory=list)


def _pattern(words: list[str], flags=0):
    if not words:
        return None
    alternation = "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))
    return re.compile(r"(?<![\w-])(" + alternation + r")(?![\w-])", flags)


class Vocabulary:
    """Compiled matcher for a list of ``Term``s."""

    def __init__(self, entries: list[Term]):
        self.entries = {(e.kind, e.key): e for e in entries}
        self._folded: dict[str, set[tuple[str, str]]] = {}
        self._exact: dict[str, set[tuple[str, str]]] = {}
        for entry in entries:
            for term in entry.terms:
                term = (term or "").strip()
                if len(term) < MIN_TERM and not term.isupper():
                    continue
                if len(term) <= 4 and term.isupper():
                    self._exact.setdefault(term, set()).add((entry.kind, entry.key))
                else:
                    self._folded.setdefault(term.casefold(), set()).add((entry.kind, entry.key))
        self._folded_re = _pattern(list(self._folded))
        self._exact_re = _pattern(list(self._exact))

    def match(self, text: str) -> dict[tuple[str, str], str]:
        """``{(kind, key): the first term found}`` for every entry the text mentions."""
        found: dict[tuple[str, str], str] = {}
        if not text:
            return found
        if self._folded_re is not None:
            for hit in self._folded_re.finditer(text.casefold()):
                for target in self._folded[hit.group(1)]:
                    found.setdefault(target, hit.group(1))
        if self._exact_re is not None:
            for hit in self._exact_re.finditer(text):
                for target in self._exact[hit.group(1)]:
                    found.setdefault(target, hit.group(1))
        return found


def vocabulary_from_taxonomy() -> Vocabulary:
    """The vocabulary of every stage and competence stored in the taxonomy (a selector-like read)."""
    from arvoketju.taxonomy.models import Competence, Stage

    entries = []
    for stage in Stage.objects.all():
        names = [stage.name_en, stage.name_fi, stage.name_sv, stage.key.replace("-", " ")]
        entries.append(Term("stage", stage.key, [n for n in names if n], stage.name_en or stage.name_fi))
    for competence in Competence.objects.prefetch_related("stages"):
        terms = [competence.term_en, competence.term_fi, competence.term_sv, *(competence.synonyms or [])]
        entries.append(
            Term(
                "competence",
                competence.key,
                [t for t in terms if t],
                competence.term_en or competence.term_fi,
                [s.key for s in competence.stages.all()],
            )
        )
    return Vocabulary(entries)


def classify_project(
    vocabulary: Vocabulary, *, topics: list[tuple[str, str]], fields: list[str], text: str
) -> dict[tuple[str, str], str]:
    """Stages and competences of a project with the rule that assigned each.

    Evidence is tried in order: call topics (code and title), EuroSciVoc field paths, then the title
    and objective; the first evidence that mentions an entry is its rule, e.g.
    ``topic HORIZON-CL5-2021-D2-01-03: 'recycling'``.
    """
    found: dict[tuple[str, str], str] = {}
    for code, title in topics:
        for target, term in vocabulary.match(f"{code} {title}").items():
            found.setdefault(target, f"topic {code}: '{term}'"[:300])
    for path in fields:
        for target, term in vocabulary.match(path.replace("/", " / ")).items():
            found.setdefault(target, f"EuroSciVoc {path}: '{term}'"[:300])
    for target, term in vocabulary.match(text).items():
        found.setdefault(target, f"text: '{term}'"[:300])
    return found
