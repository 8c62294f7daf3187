from django.db.models.signals import post_save
from django.dispatch import receiver

from .models import CaseStudyIndexPage
from .roles import open_index


@receiver(post_save, sender=CaseStudyIndexPage)
def open_new_index_to_project_leads(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        open_index(instance)
