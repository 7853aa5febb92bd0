"""Goals and indicators (e.g. ERDF NO02 / NR01) with targets, achievements and evidence."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from arvoketju.collaboration.models import Network, Project
from arvoketju.provenance.models import Fact


class Goal(Fact):
    """A goal such as "1–2 national joint applications", with its target range and what was achieved."""

    description = models.CharField(_("description"), max_length=500)
    metric = models.CharField(_("metric"), max_length=100, blank=True)
    target_min = models.DecimalField(_("target (min)"), max_digits=12, decimal_places=2, null=True, blank=True)
    target_max = models.DecimalField(_("target (max)"), max_digits=12, decimal_places=2, null=True, blank=True)
    achieved = models.DecimalField(_("achieved"), max_digits=12, decimal_places=2, null=True, blank=True)
    evidence = models.TextField(_("evidence"), blank=True)
    work_package = models.CharField(_("work package"), max_length=50, blank=True)
    evidence_projects = models.ManyToManyField(
        Project, blank=True, related_name="+", verbose_name=_("projects given as evidence")
    )
    evidence_networks = models.ManyToManyField(
        Network, blank=True, related_name="+", verbose_name=_("networks given as evidence")
    )
    project = models.ForeignKey(
        Project, null=True, blank=True, on_delete=models.CASCADE, related_name="goals", verbose_name=_("project")
    )

    class Meta:
        verbose_name = _("goal")
        verbose_name_plural = _("goals")

    def __str__(self):
        return self.description

    def clean(self):
        super().clean()
        if self.target_min is not None and self.target_max is not None and self.target_max < self.target_min:
            raise ValidationError({"target_max": _("must not be below the minimum")})


class Indicator(Fact):
    """An indicator value (e.g. NO02 co-development platforms and networks) with evidence."""

    code = models.CharField(_("code"), max_length=20)
    name = models.CharField(_("name"), max_length=300)
    target = models.DecimalField(_("target"), max_digits=12, decimal_places=2, null=True, blank=True)
    achieved = models.DecimalField(_("achieved"), max_digits=12, decimal_places=2, null=True, blank=True)
    evidence = models.TextField(_("evidence"), blank=True)
    work_package = models.CharField(_("work package"), max_length=50, blank=True)
    evidence_projects = models.ManyToManyField(
        Project, blank=True, related_name="+", verbose_name=_("projects given as evidence")
    )
    evidence_networks = models.ManyToManyField(
        Network, blank=True, related_name="+", verbose_name=_("networks given as evidence")
    )
    project = models.ForeignKey(
        Project, null=True, blank=True, on_delete=models.CASCADE, related_name="indicators", verbose_name=_("project")
    )

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["code"]

    def __str__(self):
        return f"{self.code} {self.name}"
