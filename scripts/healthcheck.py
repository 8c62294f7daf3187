"""The container's health check: does this instance's /healthz answer 200?

Run inside the image (compose.yaml's `healthcheck`); exits 0 when healthy, 1 otherwise. Asks
with the first of ALLOWED_HOSTS, as the proxy would.
"""

import http.client
import os
import sys

# ".pluginnovation.se" allows the domain and its subdomains; "*" any host.
host = os.environ.get("ALLOWED_HOSTS", "").split(",")[0].strip().lstrip(".").replace("*", "")
host = host or "localhost"
connection = http.client.HTTPConnection("127.0.0.1", int(os.environ.get("PORT", "8000")), timeout=4)
try:
    connection.request("GET", "/healthz", headers={"Host": host})
    healthy = connection.getresponse().status == 200
except OSError:
    healthy = False
sys.exit(0 if healthy else 1)
