"""One pictogram for each of the five success factors, drawn as a set (24 × 24, 2 px strokes).

A factor's icon is chosen by its slug, which the Swedish page and its English translation
both carry in a recognisable form ("samverkan" and "cooperation"); a factor named otherwise
gets the neutral mark rather than another factor's picture.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Icon:
    key: str
    paths: tuple[str, ...]


def circle(x, y, r):
    return f"M{x - r} {y}a{r} {r} 0 1 0 {2 * r} 0a{r} {r} 0 1 0 {-2 * r} 0"


ICONS = {
    # Individcentrerat arbetssätt: one young person in the centre of attention.
    "person": Icon(
        "person",
        (
            circle(12, 9.5, 2.75),
            "M7 18c0-2.8 2.2-5 5-5s5 2.2 5 5",
            "M3 8V4h4 M17 4h4v4 M21 16v4h-4 M7 20H3v-4",
        ),
    ),
    # Systematisk uppföljning av frånvaro: the calendar, checked day by day.
    "follow-up": Icon(
        "follow-up",
        (
            "M4 5h16a1 1 0 0 1 1 1v14a1 1 0 0 1-1 1H4a1 1 0 0 1-1-1V6a1 1 0 0 1 1-1z",
            "M3 10h18 M8 3v4 M16 3v4",
            "M8.5 15.5l2.5 2.5 4.5-4.5",
        ),
    ),
    # Positiva relationer: a conversation between a student and an adult.
    "relationships": Icon(
        "relationships",
        (
            "M4 4h10a1 1 0 0 1 1 1v7a1 1 0 0 1-1 1H9l-3.5 3v-3H4a1 1 0 0 1-1-1V5a1 1 0 0 1 1-1z",
            "M18 9h2a1 1 0 0 1 1 1v6a1 1 0 0 1-1 1h-1.5v3L15 17h-4a1 1 0 0 1-1-1v-1",
        ),
    ),
    # Flexibla lösningar: one starting point, more than one way forward.
    "flexibility": Icon(
        "flexibility",
        (
            "M12 21v-6",
            "M12 15c0-4-3-6-7-6 M7.5 6.5L5 9l2.5 2.5",
            "M12 15c0-4 3-6 7-6 M16.5 6.5L19 9l-2.5 2.5",
        ),
    ),
    # Samverkan: two services linked together.
    "cooperation": Icon("cooperation", (circle(9, 12, 5.5), circle(15, 12, 5.5))),
    "factor": Icon("factor", (circle(12, 12, 8), "M8.5 12.5l2.5 2.5 4.5-5")),
}

# Parts of a slug, Swedish and English, that name a factor.
SLUG_WORDS = (
    ("individ", "person"),
    ("person", "person"),
    ("uppfoljning", "follow-up"),
    ("follow-up", "follow-up"),
    ("franvaro", "follow-up"),
    ("absence", "follow-up"),
    ("relation", "relationships"),
    ("flexib", "flexibility"),
    ("samverkan", "cooperation"),
    ("cooperation", "cooperation"),
    ("collaboration", "cooperation"),
)


def icon_for(slug):
    for word, key in SLUG_WORDS:
        if word in (slug or ""):
            return ICONS[key]
    return ICONS["factor"]
