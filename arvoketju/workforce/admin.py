from arvoketju.provenance.admin_base import register_facts

from .models import CompetenceNeed, CompetenceStrength, EducationProgramme

register_facts(EducationProgramme, CompetenceNeed, CompetenceStrength)
