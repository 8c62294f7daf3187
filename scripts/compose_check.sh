#!/usr/bin/env bash
# Run compose.yaml with podman-compose on stand-in images (compose.standins.yaml) and prove the
# stack works as deployed:
#
#   scripts/compose_check.sh          (or: make compose-check)
#
# Needs podman, buildah, runc, debootstrap, netavark, aardvark-dns, iptables and podman-compose.
# Builds the app image (scripts/container_check.sh builds the same) and a stand-in for the
# official postgres, redis and nginx images from Debian's packages (deploy/standins/Containerfile).
#
# Asserts: the release service migrates and sets the Site from SITE_URL; the scheduler waits
# for the migrations and then runs; /healthz through the proxy reports the database and the
# cache; the two web replicas share the page cache (a page one renders is a hit on the other);
# an edit made through one replica is seen at once through the other; uploaded images are
# served by the proxy with nosniff; with Redis stopped pages still answer 200 (uncached) and
# /healthz says "degraded".
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/container_env.sh

PROJECT=pluginnovation-check
HOST=pluginnovation.test
export PLUGINNOVATION_IMAGE=localhost/pluginnovation:check
started=$(date +%s)
last=$started
step() {
    local now
    now=$(date +%s)
    printf '==> %s (%ss, +%ss)\n' "$1" "$((now - started))" "$((now - last))"
    last=$now
}
fail() {
    echo "compose check FAILED: $*" >&2
    for container in $(podman ps -a --filter "label=io.podman.compose.project=$PROJECT" \
        --format '{{.Names}}'); do
        echo "--- $container" >&2
        podman logs --tail 15 "$container" >&2 2>&1 || true
    done
    exit 1
}

need_tools
command -v podman-compose >/dev/null || fail "podman-compose is missing"
# netavark sets up the stack's bridge network with iptables (only recommended by podman).
command -v iptables >/dev/null || fail "iptables is missing (netavark needs it)"

work=$(mktemp -d /tmp/pluginnovation-compose-check.XXXXXX)
# compose reads .env next to compose.yaml; the check's own lives in a copy of the two files.
cp compose.yaml compose.standins.yaml "$work/"
ln -s "$PWD/deploy" "$work/deploy"
http_port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
cat >"$work/.env" <<EOF
SECRET_KEY=$(python3 -c 'import secrets; print(secrets.token_urlsafe(50))')
POSTGRES_PASSWORD=$(python3 -c 'import secrets; print(secrets.token_hex(16))')
ALLOWED_HOSTS=$HOST,localhost
SITE_URL=https://$HOST
HTTP_PORT=$http_port
LOG_LEVEL=WARNING
PAGE_CACHE_SECONDS=600
EOF
compose() {
    (cd "$work" && podman-compose -p "$PROJECT" -f compose.yaml -f compose.standins.yaml "$@")
}
cleanup() {
    podman ps -aq --filter "label=io.podman.compose.project=$PROJECT" | xargs -r podman rm -f -t 0 \
        >/dev/null 2>&1 || true
    compose down -v >/dev/null 2>&1 || true
    podman volume rm -f "${PROJECT}_pgdata" "${PROJECT}_media" >/dev/null 2>&1 || true
    rm -rf "$work"
}
trap cleanup EXIT
compose down -v >/dev/null 2>&1 || true

step "Images: python:3.11-slim and the services stand-in"
services_base
step "Building $PLUGINNOVATION_IMAGE"
podman build --quiet --pull=never --network host --secret "id=ca,src=$HOST_CA_BUNDLE" \
    -t "$PLUGINNOVATION_IMAGE" . >/dev/null

# In two steps, as docker compose orders them by `depends_on` conditions (podman-compose 1.0
# ignores those and starts every container at once).
step "podman-compose up: db, cache, release"
compose up -d release >"$work/up.log" 2>&1 || { cat "$work/up.log"; fail "podman-compose up"; }
status=$(podman wait "${PROJECT}_release_1")
[ "$status" = 0 ] || fail "the release service exited with $status"
step "podman-compose up: web (2 replicas), scheduler, proxy"
compose up -d >>"$work/up.log" 2>&1 || { cat "$work/up.log"; fail "podman-compose up"; }
web1=${PROJECT}_web_1
web2=${PROJECT}_web_2
# Read whole, then searched: `podman logs | grep -q` fails under pipefail when grep stops
# reading early (SIGPIPE), as it does once the log has lines after the match.
release_log=$(podman logs "${PROJECT}_release_1" 2>&1)
grep -q "The default Site is now https://$HOST" <<<"$release_log" ||
    fail "the release service did not set the Site from SITE_URL"

step "Demo content and an uploaded image, through web replica 1"
podman exec "$web1" python manage.py load_demo >/dev/null 2>&1 || fail "load_demo"
podman exec "$web1" python manage.py shell -c '
from io import BytesIO
from django.core.files.images import ImageFile
from PIL import Image
from wagtail.images import get_image_model
buffer = BytesIO()
Image.new("RGB", (64, 64), "#1d5c8d").save(buffer, "PNG")
image = get_image_model().objects.create(title="Stack", file=ImageFile(buffer, name="stack.png"))
print(image.file.url)
' 2>/dev/null | grep '^/media/' >"$work/image" || fail "no image uploaded"

# Through the proxy, as the public reaches it.
fetch() { # fetch PATH -> headers in $work/h, body in $work/b; prints the status
    curl -s -m 10 -o "$work/b" -D "$work/h" -w '%{http_code}' -H "Host: $HOST" \
        -H 'X-Forwarded-Proto: https' "http://127.0.0.1:$http_port$1" || true
}
# Straight to one replica, from inside its container (the image has Python, not curl).
replica() { # replica CONTAINER PATH -> "STATUS CACHE-HEADER TITLE"
    podman exec "$1" python -c '
import http.client, re, sys
c = http.client.HTTPConnection("127.0.0.1", 8000, timeout=10)
c.request("GET", sys.argv[1], headers={"Host": sys.argv[2], "X-Forwarded-Proto": "https"})
r = c.getresponse()
title = re.search(r"<title>(.*?)</title>", r.read().decode(), re.S)
print(r.status, r.getheader("X-Page-Cache", "-"), title.group(1).strip() if title else "")
' "$2" "$HOST"
}

step "Health and media through the proxy"
for _ in $(seq 1 60); do
    [ "$(fetch /healthz)" = 200 ] && break
    sleep 1
done
[ "$(fetch /healthz)" = 200 ] || fail "/healthz through the proxy: $(cat "$work/b")"
grep -q '"database": "ok"' "$work/b" && grep -q '"cache": "ok"' "$work/b" ||
    fail "/healthz says $(cat "$work/b")"
image=$(cat "$work/image")
[ "$(fetch "$image")" = 200 ] || fail "$image is not served"
grep -qi '^content-type: image/png' "$work/h" || fail "$image is not image/png"
grep -qi '^x-content-type-options: nosniff' "$work/h" || fail "$image lacks nosniff"
[ "$(fetch /)" = 200 ] && grep -q '<html lang="sv"' "$work/b" || fail "/ through the proxy"

step "Two replicas, one page cache"
page=/en/
read -r status cache _ < <(replica "$web1" "$page")
[ "$status" = 200 ] || fail "$page on replica 1 answered $status"
read -r status cache _ < <(replica "$web2" "$page")
[ "$status $cache" = "200 hit" ] || fail "$page on replica 2 after replica 1: $status $cache"

step "An edit through replica 1 is seen at once through replica 2"
podman exec "$web1" python manage.py shell -c '
from wagtail.models import Locale, Site
home = Site.objects.get(is_default_site=True).root_page.specific
english = home.get_translation(Locale.objects.get(language_code="en")).specific
english.title = english.title + " (edited)"
english.save_revision().publish()
' >/dev/null 2>&1 || fail "the edit"
read -r status cache title < <(replica "$web2" "$page")
[ "$status" = 200 ] && [[ "$title" == *"(edited)"* ]] ||
    fail "replica 2 shows \"$title\" ($status, $cache) after the edit"

step "The scheduler waited for the migrations and runs"
[ "$(podman inspect "${PROJECT}_scheduler_1" --format '{{.State.Running}}')" = true ] ||
    fail "the scheduler is not running"

step "Redis stopped: pages uncached, not broken"
podman stop -t 2 "${PROJECT}_cache_1" >/dev/null
for path in / /en/ /healthz; do
    status=$(fetch "$path")
    [ "$status" = 200 ] || fail "$path answered $status with Redis stopped"
done
grep -q '"cache": "unavailable"' "$work/b" && grep -q '"status": "degraded"' "$work/b" ||
    fail "/healthz with Redis stopped says $(cat "$work/b")"
podman start "${PROJECT}_cache_1" >/dev/null

step "Compose check passed in $(($(date +%s) - started)) s"
