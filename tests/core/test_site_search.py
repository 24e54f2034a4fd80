"""The header search hands a query over to the course search."""

from django.urls import reverse

from tests import factories


def test_the_header_search_links_the_course_search_with_the_query(client, db):
    client.force_login(factories.user("suse"))
    text = client.get(reverse("core:search"), {"q": "Schweißkurs Hannover"}).content.decode()
    assert 'id="to-course-search"' in text
    assert reverse("courses:search") + "?q=Schwei%C3%9Fkurs%20Hannover" in text
