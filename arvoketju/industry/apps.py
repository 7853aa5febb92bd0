from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IndustryConfig(AppConfig):
    name = "arvoketju.industry"
    verbose_name = _("Industrial areas")
