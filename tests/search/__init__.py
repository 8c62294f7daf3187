from urllib.parse import urlencode


def result_titles(response):
    """The titles of the results a search page lists, in order."""
    return [document.title for document in response.context["search"].documents]


def type_choices(response):
    """The content types the search page offers: "all" and each type with matches (the one
    shown always stays), with its count and the query string its form sends when chosen."""
    (facet,) = response.context["search"].facets
    query = response.context["query"]
    choices = {"all": {"count": facet.total, "url": "?" + urlencode({"q": query})}}
    for option in facet.visible_options:
        sent = urlencode({"q": query, facet.name: option.value})
        choices[str(option.label)] = {"count": option.count, "url": "?" + sent}
    return choices
