"""Workforce: education programmes (supply) and competence needs (demand)."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from arvoketju.actors.models import Organisation
from arvoketju.collaboration.models import Event
from arvoketju.places.models import Place
from arvoketju.provenance.models import Fact
from arvoketju.taxonomy.models import Competence, Stage


class EducationLevel(models.TextChoices):
    VOCATIONAL = "vocational", _("vocational upper secondary")
    UAS = "uas", _("university of applied sciences")
    UNIVERSITY = "university", _("university")
    CONTINUING = "continuing", _("continuing education")


class EducationProgramme(Fact):
    """A programme or course an education provider runs, with the stages and competences it teaches."""

    concerns_organisation = "provider"
    hidden_with = ("provider",)  # hidden from whoever may not see what it is about

    provider = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="education_programmes", verbose_name=_("provider")
    )
    name = models.CharField(_("name"), max_length=300)
    level = models.CharField(_("level"), max_length=20, choices=EducationLevel.choices)
    place = models.ForeignKey(
        Place,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="education_programmes",
        verbose_name=_("place"),
    )
    stages = models.ManyToManyField(Stage, blank=True, related_name="education_programmes", verbose_name=_("stages"))
    competences = models.ManyToManyField(
        Competence, blank=True, related_name="education_programmes", verbose_name=_("competences")
    )

    class Meta:
        verbose_name = _("education programme")
        verbose_name_plural = _("education programmes")

    def __str__(self):
        return self.name


class CompetenceNeed(Fact):
    """A skill the industry needs, as a source states it: where, for which stage, on what horizon."""

    need = models.CharField(_("need"), max_length=500)
    competence = models.ForeignKey(
        Competence, null=True, blank=True, on_delete=models.PROTECT, related_name="needs", verbose_name=_("competence")
    )
    stage = models.ForeignKey(
        Stage, null=True, blank=True, on_delete=models.PROTECT, related_name="needs", verbose_name=_("stage or theme")
    )
    place = models.ForeignKey(
        Place, null=True, blank=True, on_delete=models.PROTECT, related_name="needs", verbose_name=_("place")
    )
    horizon = models.CharField(_("horizon"), max_length=100, blank=True)
    event = models.ForeignKey(
        Event, null=True, blank=True, on_delete=models.SET_NULL, related_name="needs", verbose_name=_("raised at event")
    )

    class Meta:
        verbose_name = _("competence need")
        verbose_name_plural = _("competence needs")

    def __str__(self):
        return self.need

    def clean(self):
        super().clean()
        if not self.need.strip():
            raise ValidationError({"need": _("describe the need")})


class CompetenceStrength(Fact):
    """A stated strength in a competence (supply side), possibly without a named place — e.g. "the
    battery competence is regionally divided into chemistry, automation and logistics"."""

    strength = models.CharField(_("strength"), max_length=500)
    competence = models.ForeignKey(
        Competence,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="strengths",
        verbose_name=_("competence"),
    )
    place = models.ForeignKey(
        Place, null=True, blank=True, on_delete=models.PROTECT, related_name="strengths", verbose_name=_("place")
    )
    event = models.ForeignKey(
        Event,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="strengths",
        verbose_name=_("stated at event"),
    )

    class Meta:
        verbose_name = _("competence strength")
        verbose_name_plural = _("competence strengths")

    def __str__(self):
        return self.strength
