from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StewardshipConfig(AppConfig):
    name = "arvoketju.stewardship"
    verbose_name = _("Update links, surveys and change requests")
