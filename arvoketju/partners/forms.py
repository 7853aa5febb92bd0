"""The partner-finder form: builds a call profile and a consortium's rules with the user."""

from django import forms
from django.utils.translation import gettext_lazy as _

from arvoketju.actors.models import OrganisationType
from arvoketju.taxonomy.models import Competence, Stage

FAVOUR = [
    ("balanced", _("balanced")),
    ("proven", _("proven partners")),
    ("newcomers", _("newcomers")),
]


def vocabulary_choices():
    """Stages (``stage:KEY``) and competences as choices, labelled in English or Finnish."""
    stages = [("stage:" + s.key, s.name_en or s.name_fi) for s in Stage.objects.order_by("order")]
    competences = [(c.key, c.term_en or c.term_fi) for c in Competence.objects.order_by("term_en")]
    return [(_("Value-chain stages"), stages), (_("Competences"), competences)]


def _split(value: str) -> list[str]:
    return [part.strip() for part in (value or "").replace(";", ",").split(",") if part.strip()]


class PartnerFinderForm(forms.Form):
    text = forms.CharField(
        label=_("Describe the call"), required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )
    competences = forms.MultipleChoiceField(label=_("Required stages and competences"), required=False)
    members = forms.CharField(
        label=_("Organisations already in"),
        required=False,
        max_length=1000,
        help_text=_("keys or names, comma-separated"),
    )
    types = forms.MultipleChoiceField(
        label=_("Only these types"),
        required=False,
        choices=OrganisationType.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    countries = forms.CharField(
        label=_("Only these countries"), required=False, max_length=200, help_text=_("e.g. FI, SE")
    )
    favour = forms.ChoiceField(label=_("Favour"), choices=FAVOUR, initial="balanced", required=False)
    min_size = forms.IntegerField(label=_("At least members"), min_value=1, max_value=30, initial=3, required=False)
    max_size = forms.IntegerField(label=_("At most members"), min_value=1, max_value=30, initial=8, required=False)
    min_companies = forms.IntegerField(
        label=_("At least companies"), min_value=0, max_value=30, initial=0, required=False
    )
    min_universities = forms.IntegerField(
        label=_("At least universities"), min_value=0, max_value=30, initial=0, required=False
    )
    min_research = forms.IntegerField(
        label=_("At least research institutes"), min_value=0, max_value=30, initial=0, required=False
    )
    min_sme = forms.IntegerField(label=_("At least SMEs"), min_value=0, max_value=30, initial=0, required=False)
    min_countries = forms.IntegerField(
        label=_("At least countries"), min_value=0, max_value=30, initial=0, required=False
    )
    coordinator_country = forms.CharField(label=_("Coordinator from (country code)"), required=False, max_length=2)
    min_newcomers = forms.IntegerField(
        label=_("At least newcomers"), min_value=0, max_value=30, initial=0, required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["competences"].choices = vocabulary_choices()

    def clean(self):
        data = super().clean()
        if data.get("min_size") and data.get("max_size") and data["min_size"] > data["max_size"]:
            self.add_error("max_size", _("must not be below the minimum"))
        return data

    def finder_values(self) -> dict:
        """The cleaned form as keyword arguments of ``FinderRequest``."""
        data = self.cleaned_data
        min_types = {
            kind: data[name]
            for kind, name in (("company", "min_companies"), ("university", "min_universities"))
            if data.get(name)
        }
        if data.get("min_research"):
            min_types["research_institute"] = data["min_research"]
        return {
            "competences": data.get("competences") or [],
            "text": data.get("text") or "",
            "members": _split(data.get("members")),
            "types": data.get("types") or [],
            "countries": [c.upper() for c in _split(data.get("countries"))],
            "favour": data.get("favour") or "balanced",
            "min_size": data.get("min_size") or 3,
            "max_size": data.get("max_size") or 8,
            "min_types": min_types,
            "min_sme": data.get("min_sme") or 0,
            "min_countries": data.get("min_countries") or 0,
            "coordinator_country": (data.get("coordinator_country") or "").upper(),
            "min_newcomers": data.get("min_newcomers") or 0,
        }
