def result_titles(response):
    """The titles of the results a search page lists, in order."""
    return [document.title for document in response.context["search"].documents]


def type_choices(response):
    """The content types the search page offers: "all" and each type with matches (the one
    shown always stays), with its count and the query string that picks it."""
    (facet,) = response.context["search"].facets
    choices = {"all": {"count": facet.total, "url": "?q=" + response.context["query"]}}
    for option in facet.visible_options:
        choices[str(option.label)] = {"count": option.count, "url": "?" + option.query}
    return choices
