from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WebConfig(AppConfig):
    name = "arvoketju.web"
    verbose_name = _("Web interface")

    def ready(self):
        from arvoketju.core.caching import connect_invalidation

        connect_invalidation()
