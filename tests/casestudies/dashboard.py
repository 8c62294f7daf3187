"""Reading the admin dashboard in tests."""

from django.urls import reverse


def dashboard(client):
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    return response.content.decode()


def panel(html, panel_id):
    start = html.find(f'id="{panel_id}')
    return "" if start < 0 else html[start : html.find("</section>", start)]
