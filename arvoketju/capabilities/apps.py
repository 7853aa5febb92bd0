from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CapabilitiesConfig(AppConfig):
    name = "arvoketju.capabilities"
    verbose_name = _("Capabilities")
