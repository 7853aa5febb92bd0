"""EU project history (CORDIS topics and EuroSciVoc fields) and the rule that classified each project."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from arvoketju.collaboration.models import Project
from arvoketju.provenance.models import Fact
from arvoketju.taxonomy.models import Competence, Stage


class TopicKind(models.TextChoices):
    TOPIC = "topic", _("call topic")
    FIELD = "field", _("EuroSciVoc field")


class ProjectTopic(Fact):
    """A call topic (HORIZON-CL5-2021-D2-01-03) or a EuroSciVoc field path of a project."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="topics", verbose_name=_("project"))
    kind = models.CharField(_("kind"), max_length=10, choices=TopicKind.choices)
    code = models.CharField(_("code"), max_length=300)
    title = models.CharField(_("title"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("project topic")
        verbose_name_plural = _("project topics")
        constraints = [models.UniqueConstraint(fields=["project", "kind", "code"], name="project_topic_unique")]

    def __str__(self):
        return self.code


class ProjectClassification(Fact):
    """A value-chain stage or competence given to a project, with the rule or match that gave it."""

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="classifications", verbose_name=_("project")
    )
    stage = models.ForeignKey(Stage, null=True, blank=True, on_delete=models.CASCADE, verbose_name=_("stage"))
    competence = models.ForeignKey(
        Competence, null=True, blank=True, on_delete=models.CASCADE, verbose_name=_("competence")
    )
    rule = models.CharField(_("rule"), max_length=300)

    class Meta:
        verbose_name = _("project classification")
        verbose_name_plural = _("project classifications")
        constraints = [
            models.UniqueConstraint(fields=["project", "stage", "competence"], name="project_classification_unique")
        ]

    def __str__(self):
        return f"{self.project_id}: {self.stage_id or self.competence_id}"

    def clean(self):
        super().clean()
        if bool(self.stage_id) == bool(self.competence_id):
            raise ValidationError(_("a classification names either a stage or a competence"))
