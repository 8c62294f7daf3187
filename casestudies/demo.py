"""Demo content: the regions, municipalities, project workshops and 17 case studies."""

from decimal import Decimal

from pluginnovation.devtools.demo import (
    add_to_menu,
    ensure_page,
    home_page,
    loader,
    locales,
    read_fixture,
)

from .models import (
    CaseStudyIndexPage,
    CaseStudyPage,
    Municipality,
    ProjectWorkshop,
    Region,
    TeamMember,
)


def ensure_places(data):
    regions = {}
    for entry in data["regions"]:
        regions[entry["slug"]], _ = Region.objects.get_or_create(
            slug=entry["slug"],
            defaults={"name": entry["name"], "first_round_name": entry.get("first_round_name", "")},
        )
    municipalities = {}
    for code, (name, region, latitude, longitude) in data["municipalities"].items():
        municipalities[code], _ = Municipality.objects.get_or_create(
            code=code,
            defaults={
                "name": name,
                "region": regions[region],
                "latitude": Decimal(str(latitude)),
                "longitude": Decimal(str(longitude)),
            },
        )
    return municipalities


def ensure_workshop(entry, municipality):
    swedish_locale, english_locale = locales()
    workshop, _ = ProjectWorkshop.objects.get_or_create(
        name=entry["workshop"],
        municipality=municipality,
        locale=swedish_locale,
        defaults={
            "round": entry["round"],
            "focus": entry.get("focus", ""),
            "goals": entry.get("workshop_goals_sv", ""),
        },
    )
    if not workshop.has_translation(english_locale):
        translation = workshop.copy_for_translation(english_locale)
        translation.goals = entry.get("workshop_goals_en", "")
        translation.save()
    return workshop


def _fields(entry, language, municipality, workshops):
    fields = dict(entry[language])
    fields.update(
        municipality=municipality,
        round=entry["round"],
        focus=entry.get("focus", ""),
        workshops=workshops,
        team_members=[TeamMember(role=role) for role in entry.get(f"team_{language}", [])],
    )
    return fields


@loader(order=20)
def load_case_studies(stdout):
    data = read_fixture("casestudies.toml")
    home = home_page("sv")
    index = ensure_page(
        home, CaseStudyIndexPage, data["index"]["sv"], data["index"]["en"], stream_fields=()
    )
    add_to_menu(index)
    municipalities = ensure_places(data)
    for entry in data["cases"]:
        municipality = municipalities[entry["municipality"]]
        workshops = [ensure_workshop(entry, municipality)] if entry.get("workshop") else []
        ensure_page(
            index,
            CaseStudyPage,
            _fields(entry, "sv", municipality, workshops),
            _fields(entry, "en", municipality, workshops),
            stdout=stdout,
        )
