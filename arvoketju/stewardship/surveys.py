"""Survey definitions: a questionnaire as data, checked when it is loaded.

A definition (YAML) has ``key``, ``title`` and ``sections``; each section has ``questions``. A
question has a ``key``, a ``type`` (``text``, ``yesno``, ``choice``, ``multichoice`` or ``rows``), a
``label`` (a string or ``{fi: …, sv: …, en: …}``) and optionally ``maps_to``, the model field its
answer becomes (see ``targets.py``). ``choice``/``multichoice`` take ``options``: ``stages``,
``themes``, ``stages-and-themes`` or ``competences`` (the value-chain taxonomy) or a literal list.
``rows`` questions are repeating rows with ``columns`` (each a small question with a ``field``).
"""

from __future__ import annotations

from pathlib import Path

import yaml
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from .targets import ORGANISATION_FIELDS, TARGETS

QUESTION_TYPES = {"text", "yesno", "choice", "multichoice", "rows"}
COLUMN_TYPES = {"text", "choice", "multichoice", "organisation"}
TAXONOMY_OPTIONS = {"stages", "themes", "stages-and-themes", "competences"}
MAX_ROWS = 20


class SurveyError(Exception):
    """A survey definition that cannot be used; ``problems`` lists every reason."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("; ".join(problems))


def localised(text, language: str | None = None) -> str:
    """A label in the active language (``{fi:…, sv:…, en:…}``), falling back to Finnish, then English."""
    if not isinstance(text, dict):
        return str(text or "")
    language = (language or get_language() or "fi")[:2]
    for code in (language, "fi", "en", "sv"):
        if text.get(code):
            return str(text[code])
    return ""


def _check_options(where: str, options, problems: list[str]):
    if isinstance(options, str):
        if options not in TAXONOMY_OPTIONS:
            problems.append(f"{where}: options must be one of {sorted(TAXONOMY_OPTIONS)} or a list")
    elif not isinstance(options, list) or not options:
        problems.append(f"{where}: choice questions need options")
    else:
        for option in options:
            if not isinstance(option, str | dict) or isinstance(option, dict) and "value" not in option:
                problems.append(f"{where}: an option is a string or has a value")


def _check_maps_to(where: str, maps_to, problems: list[str], *, columns=None):
    if maps_to is None:
        return
    if not isinstance(maps_to, dict) or maps_to.get("target") not in {*TARGETS, "organisation"}:
        problems.append(f"{where}: maps_to.target must be one of {sorted({*TARGETS, 'organisation'})}")
        return
    target = maps_to["target"]
    if target == "organisation":
        if maps_to.get("field") not in ORGANISATION_FIELDS:
            problems.append(f"{where}: organisation field must be one of {list(ORGANISATION_FIELDS)}")
        return
    spec = TARGETS[target]
    names = [maps_to.get("field")] if columns is None else [c.get("field") for c in columns]
    for name in [n for n in names if n] + list(maps_to.get("fixed") or {}):
        if name not in spec.fields:
            problems.append(f"{where}: {target} has no field {name!r} (fields: {', '.join(spec.fields)})")


def validate_definition(definition: dict) -> list[str]:
    """Every problem in a survey definition (empty when it can be used)."""
    problems = []
    if not isinstance(definition, dict):
        return [_("a survey file holds a mapping with key, title and sections")]
    for name in ("key", "title", "sections"):
        if not definition.get(name):
            problems.append(f"missing {name}")
    seen = set()
    for s, section in enumerate(definition.get("sections") or []):
        for q, question in enumerate(section.get("questions") or []):
            where = f"sections[{s}].questions[{q}] ({question.get('key', '?')})"
            key = question.get("key")
            if not key or key in seen:
                problems.append(f"{where}: every question needs a unique key")
            seen.add(key)
            kind = question.get("type")
            if kind not in QUESTION_TYPES:
                problems.append(f"{where}: type must be one of {sorted(QUESTION_TYPES)}")
                continue
            if not question.get("label"):
                problems.append(f"{where}: missing label")
            if kind in {"choice", "multichoice"}:
                _check_options(where, question.get("options"), problems)
            if kind == "rows":
                columns = question.get("columns") or []
                if not columns:
                    problems.append(f"{where}: rows questions need columns")
                for c, column in enumerate(columns):
                    if column.get("type", "text") not in COLUMN_TYPES or not column.get("key"):
                        problems.append(f"{where}.columns[{c}]: a key and a type in {sorted(COLUMN_TYPES)}")
                    if column.get("type") in {"choice", "multichoice"}:
                        _check_options(f"{where}.columns[{c}]", column.get("options"), problems)
                _check_maps_to(where, question.get("maps_to"), problems, columns=columns)
            else:
                _check_maps_to(where, question.get("maps_to"), problems)
    return problems


def read_definition(path: Path) -> dict:
    """Read and check a survey file; raises ``SurveyError`` listing every problem."""
    try:
        definition = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise SurveyError([f"{path}: {exc}"]) from None
    problems = validate_definition(definition)
    if problems:
        raise SurveyError(problems)
    return definition


def option_list(options, value_chain: str = "battery") -> list[tuple[str, str]]:
    """(value, label) pairs of a question's options in the active language."""
    from arvoketju.taxonomy.models import Competence, Stage

    if isinstance(options, str):
        if options == "competences":
            items = Competence.objects.filter(value_chain__key=value_chain).order_by("term_fi")
            return [(c.key, c.localised()) for c in items if c.key]
        stages = Stage.objects.filter(value_chain__key=value_chain).order_by("order")
        if options == "stages":
            stages = stages.filter(kind="stage")
        elif options == "themes":
            stages = stages.filter(kind="theme")
        return [(s.key, s.localised()) for s in stages if s.key]
    pairs = []
    for option in options or []:
        if isinstance(option, dict):
            pairs.append((str(option["value"]), localised(option.get("label") or option["value"])))
        else:
            pairs.append((str(option), str(option)))
    return pairs
