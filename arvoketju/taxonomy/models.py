"""The value-chain taxonomy: value chains, their stages and themes, and the competence vocabulary.

The taxonomy is data (``datasets/taxonomy/*.yaml``), loaded by ``arvoketju taxonomy load``.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from arvoketju.places.models import LocalisedNameMixin
from arvoketju.provenance.models import Fact


class ValueChain(LocalisedNameMixin, Fact):
    """A value chain mapped by the system (battery today, hydrogen tomorrow)."""

    name_fi = models.CharField(_("name in Finnish"), max_length=200)
    name_sv = models.CharField(_("name in Swedish"), max_length=200, blank=True)
    name_en = models.CharField(_("name in English"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("value chain")
        verbose_name_plural = _("value chains")

    def __str__(self):
        return self.name_fi


class StageKind(models.TextChoices):
    STAGE = "stage", _("value-chain stage")
    THEME = "theme", _("cross-cutting theme")


class Stage(LocalisedNameMixin, Fact):
    """A stage of a value chain (ordered upstream → downstream) or a cross-cutting theme."""

    value_chain = models.ForeignKey(
        ValueChain, on_delete=models.CASCADE, related_name="stages", verbose_name=_("value chain")
    )
    kind = models.CharField(_("kind"), max_length=10, choices=StageKind.choices, default=StageKind.STAGE)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children", verbose_name=_("part of")
    )
    order = models.PositiveIntegerField(_("order"), default=0)
    name_fi = models.CharField(_("name in Finnish"), max_length=200)
    name_sv = models.CharField(_("name in Swedish"), max_length=200, blank=True)
    name_en = models.CharField(_("name in English"), max_length=200, blank=True)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("stage or theme")
        verbose_name_plural = _("stages and themes")
        ordering = ["value_chain", "order"]

    def __str__(self):
        return self.name_fi


class Competence(LocalisedNameMixin, Fact):
    """A term of the competence vocabulary (e.g. "Na-ion batteries"), with synonyms, mapped to stages."""

    name_field_prefix = "term"

    value_chain = models.ForeignKey(
        ValueChain, on_delete=models.CASCADE, related_name="competences", verbose_name=_("value chain")
    )
    term_fi = models.CharField(_("term in Finnish"), max_length=200)
    term_sv = models.CharField(_("term in Swedish"), max_length=200, blank=True)
    term_en = models.CharField(_("term in English"), max_length=200, blank=True)
    synonyms = models.JSONField(_("synonyms"), default=list, blank=True)
    stages = models.ManyToManyField(Stage, related_name="competences", blank=True, verbose_name=_("stages"))

    class Meta:
        verbose_name = _("competence")
        verbose_name_plural = _("competences")
        ordering = ["term_fi"]

    def __str__(self):
        return self.term_fi
