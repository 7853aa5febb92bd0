from arvoketju.provenance.admin_base import register_facts

from .models import Capability, Infrastructure, SpecialisationDeclaration

register_facts(Capability, SpecialisationDeclaration, Infrastructure)
