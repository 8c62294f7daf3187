"""The fixed choices of the library: taxonomies, publication types, languages, evidence."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Taxonomy(models.TextChoices):
    SCHOOL_LEVEL = "skolform", _("School level")
    THEME = "tema", _("Theme")
    TARGET_GROUP = "malgrupp", _("Target group")
    GEOGRAPHY = "geografi", _("Geography")
    KIND = "typ", _("Type")
    # Keywords an import did not recognise wait here until an editor classifies them; readers
    # never see this taxonomy.
    UNCLASSIFIED = "oklassad", _("To classify")


PUBLIC_TAXONOMIES = [choice for choice in Taxonomy if choice != Taxonomy.UNCLASSIFIED]


class PublicationType(models.TextChoices):
    ARTICLE = "article", _("Journal article")
    BOOK = "book", _("Book")
    CHAPTER = "chapter", _("Book chapter")
    REPORT = "report", _("Report")
    THESIS = "thesis", _("Doctoral thesis")
    POLICY = "policy", _("Policy document or curriculum")
    OTHER = "other", _("Other")


class WorkLanguage(models.TextChoices):
    SWEDISH = "sv", _("Swedish")
    ENGLISH = "en", _("English")
    NORWEGIAN = "no", _("Norwegian")
    DANISH = "da", _("Danish")
    FINNISH = "fi", _("Finnish")
    GERMAN = "de", _("German")
    FRENCH = "fr", _("French")


class EvidenceLabel(models.TextChoices):
    REVIEW = "review", _("Systematic review or knowledge overview")
    STUDY = "study", _("Research study")
    EVALUATION = "evaluation", _("Evaluation")
    PROJECT_REPORT = "project_report", _("Project report")
    PRACTICE = "practice", _("Practitioner experience")
