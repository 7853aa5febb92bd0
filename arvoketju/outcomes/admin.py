from arvoketju.provenance.admin_base import register_facts

from .models import Goal, Indicator

register_facts(Goal, Indicator)
