"""Publishing schedules name their time zone, and a go-live time already past asks first."""

import datetime
import re
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from pluginnovation.editorial.scheduling import CONFIRM_FIELD
from pluginnovation.site.models import StandardPage
from tests.factories import StandardPageFactory
from tests.pluginnovation.test_page_form import editor_client, page_form

pytestmark = pytest.mark.django_db
STOCKHOLM = ZoneInfo("Europe/Stockholm")


def admin_time(moment):
    """As the admin's date-time field shows and reads it: in Swedish time."""
    return moment.astimezone(STOCKHOLM).strftime("%Y-%m-%d %H:%M")


@pytest.fixture
def draft(site_tree):
    page = StandardPageFactory(parent=site_tree.home_sv, title="Sommarlov", slug="sommarlov")
    page.live = False
    page.save()
    page.save_revision()
    return page


def publish(client, page, **fields):
    data = page_form(title=page.title, slug=page.slug, **{"action-publish": "1"}, **fields)
    return client.post(f"/admin/pages/{page.pk}/edit/", data)


@pytest.mark.parametrize(
    ("language", "expected"),
    [("sv", "Svensk tid (Europe/Stockholm)."), ("en", "Swedish time (Europe/Stockholm).")],
)
def test_the_schedule_fields_name_their_time_zone(draft, language, expected):
    client, _user = editor_client(language=language)
    page = client.get(f"/admin/pages/{draft.pk}/edit/").content.decode()
    assert page.count(expected) == 2  # go live and expiry


def test_a_past_go_live_time_asks_before_publishing(draft):
    client, _user = editor_client()
    past = timezone.now() - datetime.timedelta(days=2)
    response = publish(client, draft, go_live_at=admin_time(past))
    assert response.status_code == 200
    page = response.content.decode()
    draft.refresh_from_db()
    assert draft.live is False
    message = re.search(r"Publiceringstiden ([^<]*) har redan passerat: publicerar du nu", page)
    assert message, "the editor is not asked"
    # The time is shown as the editor typed it, in Swedish time, and says so.
    assert f"{past.astimezone(STOCKHOLM):%H:%M} (Europe/Stockholm)" in message.group(1)
    # The editor sees which part of the editor holds the question.
    assert "Schemalägg publicering (i sidopanelen Status)" in page

    # Publishing again, with the time unchanged, confirms it.
    confirmation = re.search(rf'name="{CONFIRM_FIELD}" value="([^"]+)"', page).group(1)
    again = publish(client, draft, go_live_at=admin_time(past), **{CONFIRM_FIELD: confirmation})
    assert again.status_code == 302
    draft.refresh_from_db()
    assert draft.live is True


def test_changing_the_time_asks_again(draft):
    client, _user = editor_client()
    past = timezone.now() - datetime.timedelta(days=2)
    page = publish(client, draft, go_live_at=admin_time(past)).content.decode()
    confirmation = re.search(rf'name="{CONFIRM_FIELD}" value="([^"]+)"', page).group(1)
    earlier = past - datetime.timedelta(days=1)
    response = publish(
        client, draft, go_live_at=admin_time(earlier), **{CONFIRM_FIELD: confirmation}
    )
    assert response.status_code == 200
    assert not StandardPage.objects.get(pk=draft.pk).live


def test_a_future_go_live_time_is_scheduled_without_a_question(draft):
    client, _user = editor_client()
    future = timezone.now() + datetime.timedelta(days=2)
    response = publish(client, draft, go_live_at=admin_time(future))
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.live is False
    assert draft.get_latest_revision().approved_go_live_at is not None
