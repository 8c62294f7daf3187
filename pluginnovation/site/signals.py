from django.db.models.signals import post_save
from django.dispatch import receiver
from wagtail.models import Locale

from pluginnovation.accounts.roles import grant_translators_tree
from pluginnovation.site.models import HomePage


@receiver(post_save, sender=HomePage)
def open_translated_tree_to_translators(sender, instance, created, raw=False, **kwargs):
    if created and not raw and instance.locale_id != Locale.get_default().pk:
        grant_translators_tree(instance)
