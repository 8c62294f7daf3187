"""An OpenAPI 3.1 description of the open-data API, for client generators and API browsers.

Written by hand from what the endpoints accept (Wagtail's API v2 plus our checks), kept short:
the parameters a caller uses, the shape of a listing, of an item and of an error.
"""

from django.http import JsonResponse
from django.urls import reverse

from pluginnovation.openweb.hosts import site_root_url


def parameter(name, description, schema=None, where="query", required=False):
    return {
        "name": name,
        "in": where,
        "required": required,
        "description": description,
        "schema": schema or {"type": "string"},
    }


LISTING_PARAMETERS = [
    parameter("fields", "Extra fields, comma-separated (`*` for all, `-name` to drop one)."),
    parameter("search", "Words to search for."),
    parameter("order", "A field to order by (`-field` for descending, `random`)."),
    parameter("limit", "How many items (default 20).", {"type": "integer", "minimum": 1}),
    parameter("offset", "How many items to skip.", {"type": "integer", "minimum": 0}),
]
PAGE_PARAMETERS = [
    parameter("type", "A page type, `app.Model`, e.g. `literature.LiteraturePage`."),
    parameter("locale", "`sv` or `en`.", {"type": "string", "enum": ["sv", "en"]}),
    parameter("child_of", "Pages directly under this page id.", {"type": "integer"}),
    parameter("descendant_of", "Pages anywhere under this page id.", {"type": "integer"}),
    parameter("translation_of", "Translations of this page id.", {"type": "integer"}),
]
ID = parameter("id", "The object's id.", {"type": "integer"}, where="path", required=True)
ERROR = {
    "description": "A bad parameter (400) or nothing found (404); every error is JSON.",
    "content": {
        "application/json": {
            "schema": {
                "type": "object",
                "properties": {"message": {"type": "string"}},
                "required": ["message"],
            }
        }
    },
}
ITEM = {
    "type": "object",
    "properties": {
        "id": {"type": "integer"},
        "title": {"type": "string"},
        "meta": {
            "type": "object",
            "description": "type (`app.Model`), detail_url, html_url (the public address), …",
        },
    },
    "additionalProperties": True,
}
LISTING = {
    "type": "object",
    "properties": {
        "meta": {"type": "object", "properties": {"total_count": {"type": "integer"}}},
        "items": {"type": "array", "items": ITEM},
    },
}


def json_body(schema, description):
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def endpoint(name, what, extra_parameters=()):
    listing = {
        "get": {
            "summary": f"List {what}",
            "parameters": [*extra_parameters, *LISTING_PARAMETERS],
            "responses": {"200": json_body(LISTING, what), "400": ERROR},
        }
    }
    detail = {
        "get": {
            "summary": f"One of the {what}",
            "parameters": [ID, LISTING_PARAMETERS[0]],
            "responses": {"200": json_body(ITEM, "the object"), "404": ERROR},
        }
    }
    return {f"/{name}/": listing, f"/{name}/{{id}}/": detail}


def document(request):
    paths = {
        **endpoint("pages", "public pages of both languages", PAGE_PARAMETERS),
        "/pages/find/": {
            "get": {
                "summary": "Find a page by its public address, in either language",
                "parameters": [
                    parameter("html_path", "The page's path, e.g. `/en/literature/`."),
                    parameter("id", "Or the page's id.", {"type": "integer"}),
                ],
                "responses": {"302": {"description": "Redirects to the page"}, "404": ERROR},
            }
        },
        **endpoint("images", "images outside restricted collections"),
        **endpoint("documents", "documents outside restricted collections"),
    }
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "PlugInnovation open data",
            "version": "2",
            "description": "Read-only: what an anonymous reader of the site sees, as JSON.",
        },
        "servers": [{"url": site_root_url(request) + reverse("api_index").rstrip("/")}],
        "paths": paths,
    }


def openapi_view(request):
    return JsonResponse(document(request), json_dumps_params={"ensure_ascii": False})
