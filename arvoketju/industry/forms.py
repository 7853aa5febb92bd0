"""Forms of the industry pages: card filters, site matching needs and the areas to compare.
Every field is validated; a bad value is a form error on the page, never a server error."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

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
