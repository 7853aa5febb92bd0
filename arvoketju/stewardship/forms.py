"""Forms of the public link pages: the organisation's current values, and a survey built from its
definition. Both only produce proposals; validation uses the models' own rules (``full_clean``)."""

from __future__ import annotations

from django import forms
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.utils.translation import gettext as gettext_now
from django.utils.translation import gettext_lazy as _

from arvoketju.actors.models import Organisation
from arvoketju.places.selectors import place_resolve

from .services import organisation_values, validate_organisation_changes
from .surveys import MAX_ROWS, localised, option_list
from .targets import IDENTIFIER_SCHEMES, TARGETS, build_row

MAX_TEXT = 5000
SME_CHOICES = [("unknown", _("not stated")), ("yes", _("yes")), ("no", _("no"))]


class SubmitterForm(forms.Form):
    """Who answers: a name (required) and an e-mail for questions (optional). No account."""

    submitted_name = forms.CharField(label=_("Your name"), max_length=200)
    submitted_email = forms.EmailField(label=_("Your e-mail (for questions about your answer)"), required=False)


class OrganisationUpdateForm(SubmitterForm):
    """The organisation's editable fields, filled with what the registry says now."""

    name = forms.CharField(label=_("Official name"), max_length=300)
    short_name = forms.CharField(label=_("Short name"), max_length=100, required=False)
    website = forms.URLField(label=_("Website"), max_length=300, required=False, assume_scheme="https")
    description = forms.CharField(label=_("Description"), max_length=MAX_TEXT, required=False, widget=forms.Textarea)
    home_place = forms.CharField(
        label=_("Home municipality or town"), max_length=200, required=False, help_text=_("e.g. Kokkola")
    )
    is_sme = forms.ChoiceField(label=_("Small or medium-sized enterprise (SME)"), choices=SME_CHOICES)
    business_id = forms.CharField(
        label=_("Business ID (Y-tunnus)"), max_length=20, required=False, help_text=_("e.g. 1234567-1")
    )

    def __init__(self, *args, organisation: Organisation, **kwargs):
        self.organisation = organisation
        self.current = organisation_values(organisation)
        initial = {k: v for k, v in self.current.items() if k in self.base_fields}
        initial["home_place"] = organisation.home_place.localised() if organisation.home_place else ""
        initial["is_sme"] = {True: "yes", False: "no"}.get(organisation.is_sme, "unknown")
        initial["business_id"] = self.current.get("identifier:business_id", "")
        super().__init__(*args, initial=initial, **kwargs)

    def clean_home_place(self):
        ref = self.cleaned_data["home_place"].strip()
        if not ref:
            return None
        place = place_resolve(ref=ref, user=None)
        if place is None:
            raise ValidationError(_("no such place in the registry: %(name)s"), params={"name": ref})
        return place.pk

    def clean_is_sme(self):
        return {"yes": True, "no": False}.get(self.cleaned_data["is_sme"])

    def changes(self) -> tuple[dict, dict, dict]:
        """(organisation field changes, identifier changes, the values the person saw)."""
        changes, identifiers, seen = {}, {}, {}
        for name in ("name", "short_name", "website", "description", "home_place", "is_sme"):
            value = self.cleaned_data.get(name)
            if isinstance(value, str):
                value = value.replace("\r\n", "\n").strip()  # browsers send text areas with CRLF
            current = self.current[name]
            if isinstance(current, str):
                current = current.replace("\r\n", "\n").strip()
            if (value or None) != (current or None) or (name == "is_sme" and value is not current):
                changes[name] = value
                seen[name] = current
        for scheme in IDENTIFIER_SCHEMES:
            value = (self.cleaned_data.get(scheme) or "").strip()
            current = self.current.get(f"identifier:{scheme}", "")
            if value != current:
                identifiers[scheme] = value
                seen[f"identifier:{scheme}"] = current
        return changes, identifiers, seen

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        changes, identifiers, _seen = self.changes()
        try:
            validate_organisation_changes(self.organisation, changes, identifiers)
        except ValidationError as exc:
            for name, messages in exc.message_dict.items():
                field = "business_id" if name.startswith("identifier:") else name
                for message in messages:
                    self.add_error(field if field in self.fields else None, message)
        return cleaned


class SurveyForm(SubmitterForm):
    """A survey built from its definition: one field per question (and per row cell of repeating
    questions). ``proposal()`` turns the answers into organisation changes and rows."""

    def __init__(self, *args, survey, organisation: Organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.survey = survey
        self.organisation = organisation
        self.value_chain = survey.definition.get("value_chain", "battery")
        self.sections, self.question_labels = [], {}
        for section in survey.definition.get("sections", []):
            entries = []
            for question in section.get("questions", []):
                entries.append(self._add_question(question))
            self.sections.append({"title": localised(section.get("title")), "questions": entries})

    def _field(self, spec: dict, *, label: str):
        kind = spec.get("type", "text")
        help_text = localised(spec.get("help"))
        if kind in {"choice", "multichoice"}:
            choices = option_list(spec.get("options"), self.value_chain)
            if kind == "choice":
                return forms.ChoiceField(
                    label=label, choices=[("", "—"), *choices], required=False, help_text=help_text
                )
            return forms.MultipleChoiceField(
                label=label, choices=choices, required=False, widget=forms.CheckboxSelectMultiple, help_text=help_text
            )
        if kind == "yesno":
            return forms.ChoiceField(
                label=label, choices=[("", "—"), ("yes", _("yes")), ("no", _("no"))], required=False
            )
        widget = forms.Textarea(attrs={"rows": 3}) if spec.get("long") else None
        return forms.CharField(
            label=label,
            max_length=MAX_TEXT if spec.get("long") else 300,
            required=False,
            widget=widget,
            help_text=help_text,
        )

    def _add_question(self, question: dict) -> dict:
        key, label = question["key"], localised(question.get("label"))
        self.question_labels[key] = label
        if question["type"] != "rows":
            self.fields[f"q-{key}"] = self._field(question, label=label)
            return {"question": question, "label": label, "field": self[f"q-{key}"], "rows": None}
        count = min(int(question.get("rows", 3)), MAX_ROWS)
        rows = []
        for i in range(count):
            cells = []
            for column in question["columns"]:
                name = f"q-{key}-{i}-{column['key']}"
                self.fields[name] = self._field(column, label=localised(column.get("label")) or column["key"])
                cells.append(self[name])
            rows.append(cells)
        headers = [localised(c.get("label")) or c["key"] for c in question["columns"]]
        return {"question": question, "label": label, "field": None, "rows": rows, "headers": headers}

    def clean(self):
        cleaned = super().clean()
        if not self.errors:
            self._proposal = self._build()
        return cleaned

    def _build(self) -> dict:
        organisation_changes, rows, answers = {}, [], {}
        for question in self.survey.questions:
            key, maps_to = question["key"], question.get("maps_to") or {}
            target, fixed = maps_to.get("target"), dict(maps_to.get("fixed") or {})
            if question["type"] == "rows":
                answered = []
                for i in range(min(int(question.get("rows", 3)), MAX_ROWS)):
                    cells = {c["key"]: self.cleaned_data.get(f"q-{key}-{i}-{c['key']}") for c in question["columns"]}
                    cells = {k: (v.strip() if isinstance(v, str) else v) for k, v in cells.items()}
                    if not any(cells.values()):
                        continue
                    answered.append(cells)
                    if target:
                        values = {**fixed}
                        for column in question["columns"]:
                            if column.get("field") and cells.get(column["key"]):
                                values[column["field"]] = cells[column["key"]]
                        row = {"target": target, "values": values, "question": key}
                        rows.append(self._checked(row, key, i, question["columns"]))
                if answered:
                    answers[key] = answered
                continue
            value = self.cleaned_data.get(f"q-{key}")
            if isinstance(value, str):
                value = value.strip()
            if value in (None, "", []):
                continue
            answers[key] = value
            if target == "organisation":
                field = maps_to["field"]
                if question["type"] == "yesno":
                    value = value == "yes"
                current = getattr(self.organisation, field)
                if value != current:
                    organisation_changes[field] = value
            elif target and question["type"] == "multichoice":
                for item in value:
                    rows.append(
                        self._checked(
                            {"target": target, "values": {**fixed, maps_to["field"]: item}, "question": key}, key
                        )
                    )
            elif target:
                rows.append(self._checked({"target": target, "values": {**fixed, maps_to["field"]: value}}, key))
        if organisation_changes:
            try:
                validate_organisation_changes(self.organisation, organisation_changes, {})
            except ValidationError as exc:
                for name, messages in exc.message_dict.items():
                    question = next(
                        (q for q in self.survey.questions if (q.get("maps_to") or {}).get("field") == name), None
                    )
                    for message in messages:
                        self.add_error(f"q-{question['key']}" if question else None, message)
        return {"organisation": organisation_changes, "rows": rows, "answers": answers}

    def _checked(self, row: dict, key: str, index: int | None = None, columns=None) -> dict:
        """Check a proposed row as the model would; errors go to the cell (or question) they concern."""
        try:
            built = build_row(self.organisation, row)
        except ValidationError as exc:
            model = TARGETS[row["target"]].model
            by_field = exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}
            for name, messages in by_field.items():
                column = next((c for c in columns or [] if c.get("field") == name), None)
                target = f"q-{key}-{index}-{column['key']}" if column else f"q-{key}"
                if target not in self.fields:
                    target = None
                label = ""
                if name != "__all__" and not column:
                    try:
                        label = f"{model._meta.get_field(name).verbose_name}: "
                    except FieldDoesNotExist:
                        label = f"{name}: "
                where = f"{self.question_labels[key]}" + (
                    f" ({gettext_now('row')} {index + 1})" if index is not None else ""
                )
                for message in messages:
                    self.add_error(target, f"{where}: {label}{message}" if target is None else f"{label}{message}")
            return row
        if built.note:
            row["note"] = built.note
        return row

    def proposal(self) -> dict:
        return self._proposal
