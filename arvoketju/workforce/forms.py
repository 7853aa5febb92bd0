"""The skills view's filters: a region and a stage or theme, both from what the reader may see."""

from django import forms
from django.utils.translation import gettext_lazy as _


class SkillsFilterForm(forms.Form):
    region = forms.ChoiceField(label=_("Region"), required=False)
    stage = forms.ChoiceField(label=_("Stage or theme"), required=False)
    gaps = forms.BooleanField(label=_("Only needs without nearby education"), required=False)

    def __init__(self, data=None, *, regions=(), stages=()):
        super().__init__(data)
        self.fields["region"].choices = [("", _("all regions"))] + [(p.key, p.name_fi) for p in regions if p.key]
        self.fields["stage"].choices = [("", _("all stages and themes"))] + [
            (s.key, s.localised()) for s in stages if s.key
        ]

    def filters(self) -> dict:
        if not self.is_valid():
            return {"region": "", "stage": "", "gaps": False}
        return {
            "region": self.cleaned_data["region"] or "",
            "stage": self.cleaned_data["stage"] or "",
            "gaps": bool(self.cleaned_data["gaps"]),
        }
