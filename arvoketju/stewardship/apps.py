from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StewardshipConfig(AppConfig):
    name = "arvoketju.stewardship"
    verbose_name = _("Update links, surveys and change requests")

    def ready(self):
        from django.db.models.signals import post_migrate

        from arvoketju.accounts.signals import ensure_editors_group

        # this app comes after accounts in INSTALLED_APPS: give the editors group its permissions
        # once they exist (auth creates them for this app just before this receiver runs)
        post_migrate.connect(ensure_editors_group, sender=self, dispatch_uid="stewardship-editors-group")
