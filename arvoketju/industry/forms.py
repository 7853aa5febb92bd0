"""Forms of the industry pages: card filters, site matching needs and the areas to compare.
Every field is validated; a bad value is a form error on the page, never a server error."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from arvoketju.core.dates import EARLIEST

from .models import InvestmentStatus

MAX_NUMBER = Decimal("1000000")
MAX_COMPARED = 6


def _number(label):
    return forms.DecimalField(
        label=label, required=False, min_value=0, max_value=MAX_NUMBER, max_digits=10, decimal_places=1
    )


class CardFilterForm(forms.Form):
    """Filters of the investment pipeline and the card deck; choices are the keys the reader may see."""

    status = forms.ChoiceField(label=_("Status"), required=False)
    region = forms.ChoiceField(label=_("Region"), required=False)
    stage = forms.ChoiceField(label=_("Value-chain stage"), required=False)
    area = forms.ChoiceField(label=_("Industrial area"), required=False)
    q = forms.CharField(label=_("Name contains"), required=False, max_length=200)

    def __init__(self, data=None, *, regions=(), stages=(), areas=()):
        super().__init__(data)
        self.fields["status"].choices = [("", _("all statuses")), *InvestmentStatus.choices]
        self.fields["region"].choices = [("", _("all regions"))] + [(p.key, p.name_fi) for p in regions if p.key]
        self.fields["stage"].choices = [("", _("all stages"))] + [(s.key, s.localised()) for s in stages if s.key]
        self.fields["area"].choices = [("", _("all areas"))] + [(a.key, a.name) for a in areas if a.key]

    def filters(self) -> dict:
        """The valid filters (empty when the form is invalid, so a bad value never widens a view)."""
        if not self.is_valid():
            return {"status": "", "region": "", "stage": "", "area": "", "q": ""}
        return {name: self.cleaned_data.get(name) or "" for name in ("status", "region", "stage", "area", "q")}


ACCESS_CHOICES = [("port", _("port access")), ("rail", _("rail access")), ("road", _("road access"))]


class SiteMatchForm(forms.Form):
    """An investment's hard limits and preferences."""

    min_free_land_ha = _number(_("Free land at least (ha)"))
    min_grid_mw = _number(_("Grid connection capacity at least (MW)"))
    require = forms.MultipleChoiceField(
        label=_("Must have"), required=False, choices=ACCESS_CHOICES, widget=forms.CheckboxSelectMultiple
    )
    prefer = forms.MultipleChoiceField(
        label=_("Would prefer"), required=False, choices=ACCESS_CHOICES, widget=forms.CheckboxSelectMultiple
    )
    prefer_region = forms.ChoiceField(label=_("Preferred region"), required=False)

    def __init__(self, data=None, *, regions=()):
        super().__init__(data)
        self.fields["prefer_region"].choices = [("", _("any region"))] + [(p.key, p.name_fi) for p in regions if p.key]


class CompareForm(forms.Form):
    """Up to six areas to compare side by side."""

    area = forms.MultipleChoiceField(label=_("Areas"), required=False, widget=forms.CheckboxSelectMultiple)

    def __init__(self, data=None, *, areas=()):
        super().__init__(data)
        self.fields["area"].choices = [(a.key, a.name) for a in areas if a.key]

    def clean_area(self):
        chosen = self.cleaned_data["area"]
        if len(chosen) > MAX_COMPARED:
            raise forms.ValidationError(_("compare at most %(count)s areas") % {"count": MAX_COMPARED})
        return chosen


class AssessmentForm(forms.Form):
    """An area's scores on the pyramid's aspects on one date: per aspect a score on the model's scale
    (or none), the evidence it rests on, and the version of that day's assessment the editor saw."""

    assessor = forms.CharField(label=_("Assessor"), required=False, max_length=200)

    def __init__(self, data=None, *, aspects=(), scale=(1, 5), labels=None, existing=None):
        super().__init__(data)
        labels = labels or {}
        existing = existing or {}
        self.existing = existing
        self.aspects = list(aspects)
        choices = [("", _("not assessed"))] + [
            (str(n), f"{n} – {labels[str(n)]}" if labels.get(str(n)) else str(n)) for n in range(scale[0], scale[1] + 1)
        ]
        for aspect in self.aspects:
            stored = existing.get(aspect.pk)
            self.fields[f"score_{aspect.pk}"] = forms.TypedChoiceField(
                label=aspect.localised(),
                choices=choices,
                coerce=int,
                required=False,
                empty_value=None,
                initial=str(stored.score) if stored else "",
            )
            self.fields[f"evidence_{aspect.pk}"] = forms.CharField(
                label=_("Evidence for %(aspect)s") % {"aspect": aspect.localised()},
                required=False,
                max_length=4000,
                widget=forms.Textarea(attrs={"rows": 2}),
                initial=stored.evidence if stored else "",
            )
            self.fields[f"version_{aspect.pk}"] = forms.IntegerField(
                min_value=0, required=False, widget=forms.HiddenInput, initial=stored.version if stored else 0
            )

    def rows(self):
        """(aspect, score field, evidence field) per aspect, for the template."""
        return [(a, self[f"score_{a.pk}"], self[f"evidence_{a.pk}"], self[f"version_{a.pk}"]) for a in self.aspects]

    def clean(self):
        data = super().clean()
        scored = 0
        for aspect in self.aspects:
            if f"version_{aspect.pk}" in self.errors:  # a hidden field: its error would show nowhere
                del self.errors[f"version_{aspect.pk}"]
                self.add_error(
                    None, _("The form for %(aspect)s is out of date; reload it.") % {"aspect": aspect.localised()}
                )
            score, evidence = data.get(f"score_{aspect.pk}"), (data.get(f"evidence_{aspect.pk}") or "").strip()
            if score is None and aspect.pk in self.existing and f"score_{aspect.pk}" not in self.errors:
                self.add_error(
                    f"score_{aspect.pk}",
                    _(
                        "this day's recorded score cannot be cleared here; correct it, "
                        "or delete it in the administration"
                    ),
                )
            elif score is not None and not evidence:
                self.add_error(f"evidence_{aspect.pk}", _("a score needs its evidence"))
            elif score is None and evidence and f"score_{aspect.pk}" not in self.errors:
                self.add_error(f"score_{aspect.pk}", _("give a score for this evidence, or clear the evidence"))
            scored += score is not None
        if not scored and not self.errors:
            raise forms.ValidationError(_("score at least one aspect"))
        return data

    def scores(self) -> list[tuple]:
        """(aspect, score, evidence, version seen) of every scored aspect (a valid form only)."""
        return [
            (
                aspect,
                self.cleaned_data[f"score_{aspect.pk}"],
                self.cleaned_data[f"evidence_{aspect.pk}"].strip(),
                self.cleaned_data.get(f"version_{aspect.pk}") or 0,
            )
            for aspect in self.aspects
            if self.cleaned_data.get(f"score_{aspect.pk}") is not None
        ]


class AssessmentDateForm(forms.Form):
    """The day an assessment is made (today or earlier)."""

    on = forms.DateField(label=_("Assessment date"), required=False)

    def clean_on(self):
        day = self.cleaned_data["on"]
        if day and day > date.today():
            raise forms.ValidationError(_("an assessment cannot be dated in the future"))
        if day and day < EARLIEST:
            raise forms.ValidationError(_("an assessment cannot be dated before 1900"))
        return day or date.today()
