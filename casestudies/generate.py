"""Synthetic case studies for benchmarks: 10 per scale unit, spread over every municipality."""

from pluginnovation.devtools.generate import (
    ENGLISH_WORDS,
    MARK,
    WORDS,
    create_translated,
    generator,
    rng_for,
    text,
    translated_index,
)

from .models import CaseStudyIndexPage, CaseStudyPage, Focus, Municipality, Round

PER_SCALE = 10


@generator(order=20)
def case_studies(scale):
    index_sv, index_en = translated_index(CaseStudyIndexPage)
    municipalities = list(Municipality.objects.order_by("code"))
    if index_en is None or not municipalities:
        return 0  # the demo content (both indexes and the places) comes first
    rng = rng_for("casestudies")
    rounds = [choice.value for choice in Round]
    focuses = [choice.value for choice in Focus]
    plan = [
        (municipalities[i % len(municipalities)], rng.choice(rounds), rng.choice(focuses))
        for i in range(PER_SCALE * scale)
    ]

    def build(i, lang):
        municipality, round_, focus = plan[i]
        words = WORDS if lang == "sv" else ENGLISH_WORDS
        return CaseStudyPage(
            title=f"{MARK} {municipality.name} {i}",
            slug=f"syntet-fallstudie-{i}",
            municipality=municipality,
            round=round_,
            focus=focus,
            summary=text(rng, words, 40),
            body=[("paragraph", f"<p>{text(rng, words, 120)}</p>")],
        )

    return create_translated(index_sv, index_en, build, len(plan))
