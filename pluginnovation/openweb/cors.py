"""The open-data API's edge: cross-origin reads, and errors in JSON whoever answers them.

Any site's JavaScript may read /api/: the API is public and read-only and shows only what an
anonymous reader sees, so `Access-Control-Allow-Origin: *` without credentials is safe there;
no other path gets the header.

Some answers to /api/ come from outside the API's views (a 405 for a method the site never
accepts, a 400 for hostile input, a server error page): a program reading the API gets those
as JSON with a `message` too, never an HTML page.
"""

from django.http import HttpResponse, JsonResponse

API_PREFIX = "/api/"
READ_METHODS = ("GET", "HEAD", "OPTIONS")
# Headers of the original error that still matter to the caller.
KEPT_HEADERS = ("Allow", "Retry-After", "Cache-Control")


class ApiCorsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path.startswith(API_PREFIX):
            return self.get_response(request)
        if request.method == "OPTIONS" and "HTTP_ACCESS_CONTROL_REQUEST_METHOD" in request.META:
            response = HttpResponse(status=204)  # a browser's preflight
        else:
            response = as_json_error(self.get_response(request))
        if request.method in READ_METHODS:
            response["Access-Control-Allow-Origin"] = "*"
            response["Access-Control-Allow-Methods"] = ", ".join(READ_METHODS)
            response["Access-Control-Allow-Headers"] = "Accept, Content-Type"
            response["Access-Control-Max-Age"] = "86400"
        return response


def as_json_error(response):
    if response.status_code < 400 or response.get("Content-Type", "").startswith(
        "application/json"
    ):
        return response
    error = JsonResponse({"message": response.reason_phrase.lower()}, status=response.status_code)
    for name in KEPT_HEADERS:
        if name in response:
            error[name] = response[name]
    return error
