"""Writes for collaboration facts."""

from arvoketju.provenance.services import Actor, fact_upsert

from .models import Project


def project_refresh_status(*, project: Project, actor: Actor) -> Project:
    """Set a project's current status to the last step of its status history."""
    last = project.status_history.order_by("-sequence").first()
    status = last.status if last else project.status
    if status != project.status:
        project, _ = fact_upsert(model=Project, lookup={"pk": project.pk}, values={"status": status}, actor=actor)
    return project
