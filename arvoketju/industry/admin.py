from arvoketju.provenance.admin_base import FactAdmin, register_facts
from arvoketju.provenance.services import Actor

from .models import (
    Assessment,
    BestPractice,
    IndustrialArea,
    InvestmentCard,
    InvestmentStatusChange,
    PyramidElement,
    PyramidModel,
    Viewpoint,
)
from .services import investment_card_refresh_status

register_facts(IndustrialArea, PyramidModel, PyramidElement, Viewpoint, BestPractice, InvestmentCard, Assessment)


class InvestmentStatusChangeAdmin(FactAdmin):
    """A status change saved in the admin also moves the card's current status to the latest change."""

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        investment_card_refresh_status(card=obj.card, actor=Actor.for_user(request.user))


register_facts(InvestmentStatusChange, admin_class=InvestmentStatusChangeAdmin)
