"""Open data: a read-only Wagtail API v2 at /api/v2/ with pages, images and documents.

The stock endpoints show a signed-in user what that user may see; open data is the same for
everyone, so these show only what an anonymous reader sees: live pages outside any view
restriction, and images and documents outside restricted collections. Content apps expose
their structured fields by declaring `api_fields` on their page models; nothing here names them.

Every bad parameter is the caller's mistake and gets a 400, never a 500: values the database
cannot hold (NUL characters, numbers beyond a 64-bit integer) are refused before any query runs.
"""

import logging

from django.core.exceptions import ValidationError
from django.db import DatabaseError, DataError
from django.http import Http404, JsonResponse
from django.urls import reverse
from django.utils.translation import get_language_from_path
from rest_framework.exceptions import APIException
from rest_framework.response import Response
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet
from wagtail.models import Collection, CollectionViewRestriction, Locale, Site

from pluginnovation.openweb.hosts import absolute_url
from pluginnovation.site.taxonomy import read_factors_ahead, tagged_models

logger = logging.getLogger(__name__)

# Far beyond any real listing, far below what a database integer overflows at.
MAX_NUMBER = 10_000_000
NUMERIC_PARAMETERS = {
    "offset",
    "limit",
    "id",
    "child_of",
    "ancestor_of",
    "descendant_of",
    "translation_of",
}
MAX_PARAMETER_LENGTH = 500


def restricted_collection_ids():
    """Every collection under a view restriction, and the collections nested in them."""
    paths = Collection.objects.filter(
        pk__in=CollectionViewRestriction.objects.values("collection")
    ).values_list("path", flat=True)
    ids = set()
    for path in paths:
        ids.update(Collection.objects.filter(path__startswith=path).values_list("pk", flat=True))
    return ids


class OpenDataMixin:
    """Parameter checks and JSON errors shared by the three endpoints."""

    def perform_content_negotiation(self, request, force=False):
        try:
            return super().perform_content_negotiation(request, force)
        except Http404 as error:
            # DRF answers an unknown ?format= with an empty 404.
            raise BadRequestError("format not supported: the API answers in JSON only") from error

    def handle_exception(self, exc):
        """Every error as `{"message": …}` in JSON, whatever raised it."""
        if isinstance(exc, Http404) and not str(exc):
            exc = Http404("not found")
        if isinstance(exc, (Http404, BadRequestError)):
            return super().handle_exception(exc)
        if isinstance(exc, APIException):
            response = super().handle_exception(exc)
            detail = response.data.get("detail", "") if isinstance(response.data, dict) else ""
            response.data = {"message": str(detail) or exc.default_detail}
            return response
        logger.exception("Open data API failed", exc_info=exc)
        return Response({"message": "internal error"}, status=500)

    def check_query_parameters(self, queryset):
        self.check_raw_parameters()
        super().check_query_parameters(queryset)

    def check_raw_parameters(self):
        for name, values in self.request.GET.lists():
            for value in [name, *values]:
                if "\x00" in value:
                    raise BadRequestError("null characters are not allowed")
                if len(value) > MAX_PARAMETER_LENGTH:
                    raise BadRequestError(f"{name} is too long")
            if name in NUMERIC_PARAMETERS:
                for value in values:
                    if value.isdigit() and int(value) > MAX_NUMBER:
                        raise BadRequestError(f"{name} is too large")

    def detail_view(self, request, pk):
        self.check_query_parameters(self.get_queryset())
        return super().detail_view(request, pk)

    def find_view(self, request):
        self.check_raw_parameters()
        try:
            return super().find_view(request)
        except (ValueError, ValidationError) as error:
            raise BadRequestError("bad parameter value") from error

    def listing_view(self, request):
        try:
            return super().listing_view(request)
        except (ValueError, DataError, ValidationError) as error:
            # A filter value the field cannot hold (a date like 2020-99-99) or a search
            # operator the backend does not know.
            raise BadRequestError("bad parameter value") from error
        except DatabaseError as error:
            # SQLite's full-text syntax rejects some queries (an unbalanced quote); that is the
            # caller's search, not a fault of ours. Anything else is a real error.
            if "search" not in request.GET:
                raise
            raise BadRequestError("search query not understood") from error


class OpenPagesAPIViewSet(OpenDataMixin, PagesAPIViewSet):
    def get_base_queryset(self):
        # The stock queryset lets in a page whose password or login restriction this request
        # passes; open data shows no page under any restriction to anybody.
        return super().get_base_queryset().public()

    def paginate_queryset(self, queryset):
        """The page of results, with the success factors of a tagged page type read for all
        its items at once where fields beyond the defaults may be asked (they may show them):
        a constant number of queries, not one per item."""
        pages = super().paginate_queryset(queryset)
        if "fields" in self.request.GET and queryset.model in tagged_models():
            pages = read_factors_ahead(pages)
        return pages

    def find_object(self, queryset, request):
        """`html_path` of any language: "/en/about/" is found from the English home page (the
        stock lookup routes every path from the site's root, the Swedish home page)."""
        path = request.GET.get("html_path")
        site = Site.find_for_request(request)
        if path is None or site is None:
            return super().find_object(queryset, request)
        language = get_language_from_path(path)
        components = [component for component in path.split("/") if component]
        root = site.root_page
        if language and components and components[0] == language:
            components = components[1:]
            root = root.get_translation_or_none(locale=_locale(language))
            if root is None:
                return None
        try:
            page, _, _ = root.specific.route(request, components)
        except Http404:
            return None
        return page if queryset.filter(id=page.id).exists() else None


class OpenImagesAPIViewSet(OpenDataMixin, ImagesAPIViewSet):
    def get_queryset(self):
        return self.model.objects.exclude(collection__in=restricted_collection_ids()).order_by("id")


class OpenDocumentsAPIViewSet(OpenDataMixin, DocumentsAPIViewSet):
    def get_queryset(self):
        return self.model.objects.exclude(collection__in=restricted_collection_ids()).order_by("id")


def _locale(language):
    return Locale.objects.filter(language_code=language).first()


def index(request):
    """What /api/v2/ offers: the three endpoints, at the site's one host."""
    return JsonResponse(
        {
            name: absolute_url(reverse(f"wagtailapi:{name}:listing"), request)
            for name in ("pages", "images", "documents")
        }
        | {
            "openapi": absolute_url(reverse("api_openapi"), request),
            "documentation": "https://docs.wagtail.org/en/stable/advanced_topics/api/v2/usage.html",
        }
    )


def not_found(request, *args, **kwargs):
    """Any address under /api/ the API does not have (/api/v2/pages/abc/): JSON, like the
    API's own errors."""
    return JsonResponse({"message": "not found"}, status=404)


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", OpenPagesAPIViewSet)
api_router.register_endpoint("images", OpenImagesAPIViewSet)
api_router.register_endpoint("documents", OpenDocumentsAPIViewSet)
