from arvoketju.provenance.admin_base import register_facts

from .models import BestPractice, IndustrialArea, InvestmentCard, PyramidElement, PyramidModel, Viewpoint

register_facts(IndustrialArea, PyramidModel, PyramidElement, Viewpoint, BestPractice, InvestmentCard)
