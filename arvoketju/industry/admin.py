from arvoketju.provenance.admin_base import register_facts

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

register_facts(
    IndustrialArea,
    PyramidModel,
    PyramidElement,
    Viewpoint,
    BestPractice,
    InvestmentCard,
    InvestmentStatusChange,
    Assessment,
)
