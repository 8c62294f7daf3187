import pytest
from django.contrib.auth.models import Group
from django.test import Client

from casestudies.roles import EDITORS, PROJECT_LEADS
from tests.casestudies.factories import build_section
from tests.factories import UserFactory


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


PASSWORD = "a-long-test-password"


def _login(user):
    client = Client()
    assert client.login(username=user.username, password=PASSWORD)
    return client


@pytest.fixture
def lead_user(section):
    """Lia Ledare, a project lead for Krokom."""
    user = UserFactory(username="projektledare", first_name="Lia", last_name="Ledare")
    user.groups.add(Group.objects.get(name=PROJECT_LEADS))
    section.municipalities["krokom"].project_leads.add(user)
    return user


@pytest.fixture
def lead(lead_user):
    return _login(lead_user)


@pytest.fixture
def editor_user(section):
    """Rut Redaktör, an editor (Redaktörer)."""
    user = UserFactory(username="redaktor", first_name="Rut", last_name="Redaktör")
    user.groups.add(Group.objects.get(name=EDITORS))
    return user


@pytest.fixture
def editor(editor_user):
    return _login(editor_user)
