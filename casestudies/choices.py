"""The fixed choices of a case study, shared by the models, the filters and the feeds."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Round(models.TextChoices):
    FIRST = "plugin", _("Plug In (2012–2015)")
    SECOND = "plugin2", _("Plug In 2.0 (2015–2018)")


# Plug In 2.0 first: the listing, its groups and the round filter show it before the first round.
ROUNDS_NEWEST_FIRST = [Round.SECOND, Round.FIRST]


class Focus(models.TextChoices):
    PREVENTION = "prevention", _("Preventive work in school")
    KIA = "kia", _("The municipal information responsibility (KIA)")
    RETURN = "return", _("Return to studies or work")


class Continuation(models.TextChoices):
    YES = "yes", _("Yes, part of ordinary operations")
    PARTLY = "partly", _("Partly")
    NO = "no", _("No")
