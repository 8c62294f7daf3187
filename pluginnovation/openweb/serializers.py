"""Fields the content apps' `api_fields` share (the API itself is in `api.py`)."""

from rest_framework import serializers

from pluginnovation.openweb.hosts import absolute_url


class SuccessFactors(serializers.Field):
    """A tagged page's `success_factors` in the API: the live, public factors in the page's own
    language (its `live_success_factors`), not the raw links, which may name drafts, private
    factors and, on a translation, the source language's factors. Each is shown as Wagtail
    shows a linked page (id, type, detail URL and title)."""

    def __init__(self, **kwargs):
        super().__init__(source="live_success_factors", read_only=True, **kwargs)

    def to_representation(self, value):
        router, request = self.context["router"], self.context["request"]
        return [
            {
                "id": factor.pk,
                "meta": {
                    "type": f"{factor._meta.app_label}.{type(factor).__name__}",
                    "detail_url": absolute_url(
                        router.get_object_detail_urlpath(type(factor), factor.pk), request
                    ),
                },
                "title": factor.title,
            }
            for factor in value
        ]
