import pytest

from tests.casestudies.factories import build_section


@pytest.fixture
def section(site_tree):
    return build_section(site_tree)


@pytest.fixture
def cases(section):
    """Four Plug In 2.0 and first-round cases in two regions, like the demo content."""
    return {
        "morsil": section.case("are", "plugin2", "prevention", title="Mörsil"),
        "krokom": section.case("krokom", "plugin", "kia", title="Plug In Krokom"),
        "stromsund": section.case("stromsund", "plugin", "prevention", title="Plug In Strömsund"),
        "partille": section.case("partille", "plugin", "kia", title="Plug In Partille – Porten"),
        "harryda": section.case("harryda", "plugin", "prevention", title="Plug In Härryda"),
    }
