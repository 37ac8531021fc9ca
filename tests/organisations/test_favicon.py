"""A favicon: linked from every page, and /favicon.ico answered, so browsers log no 404."""

from xml.etree import ElementTree

from django.contrib.staticfiles import finders
from django.urls import reverse


def test_every_page_links_the_icon(client, client_professional_a):
    for page in (
        client.get(reverse("login")),
        client_professional_a.get(reverse("families:list")),
    ):
        assert '<link rel="icon" href="/static/img/favicon.svg" type="image/svg+xml">' in (
            page.content.decode()
        )


def test_favicon_ico_leads_to_the_icon_for_anyone(client, client_professional_a):
    for visitor in (client, client_professional_a):
        response = visitor.get("/favicon.ico")
        assert response.status_code == 302
        assert response["Location"] == "/static/img/favicon.svg"
        icon = visitor.get(response["Location"])
        assert icon.status_code == 200
        assert icon["Content-Type"].startswith("image/svg+xml")
    assert client.post("/favicon.ico").status_code == 405


def test_the_icon_is_a_small_well_formed_svg():
    path = finders.find("img/favicon.svg")
    root = ElementTree.parse(path).getroot()  # noqa: S314 - our own file
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert root.get("viewBox") == "0 0 32 32"
