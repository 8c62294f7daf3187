#!/usr/bin/env bash
# Build the production image and prove it works, without a Docker daemon or a registry:
#
#   DATABASE_URL=postgres://pluginnovation@127.0.0.1:5432/pluginnovation scripts/container_check.sh
#
# Needs podman, buildah, runc, debootstrap and nginx (Debian packages), and a PostgreSQL whose
# role in DATABASE_URL may create databases: the check makes its own (deploy_container_check)
# and drops it afterwards. CI runs this under CI=true (.ci/run).
#
# Asserts: the release step (migrate, configure_site, load_demo) succeeds; /healthz says the
# database and the cache are ok; / is Swedish and /en/ English; a fingerprinted static file and
# an uploaded image and its rendition are served, through deploy/nginx (the compose proxy's
# configuration), with their content types and nosniff, while documents are not; the process
# runs as uid 10001 and cannot write /app; nothing that must not ship is in the image; the
# image stays under IMAGE_LIMIT_MB (450).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/container_env.sh

IMAGE=${IMAGE:-localhost/pluginnovation:check}
IMAGE_LIMIT_MB=${IMAGE_LIMIT_MB:-450}
HOST=pluginnovation.test
started=$(date +%s)
last=$started
step() {
    local now
    now=$(date +%s)
    printf '==> %s (%ss, +%ss)\n' "$1" "$((now - started))" "$((now - last))"
    last=$now
}
fail() {
    echo "container check FAILED: $*" >&2
    exit 1
}

need_tools
command -v nginx >/dev/null || fail "nginx is missing (apt-get install nginx-light)"
: "${DATABASE_URL:?set DATABASE_URL to a PostgreSQL database whose role may create databases}"

work=$(mktemp -d /tmp/pluginnovation-container-check.XXXXXX)
web=pluginnovation-check-web-$$
check_db=deploy_container_check
nginx_pid=
cleanup() {
    podman rm -f "$web" >/dev/null 2>&1 || true
    [ -n "$nginx_pid" ] && kill "$nginx_pid" 2>/dev/null
    psql -q "$DATABASE_URL" -c "DROP DATABASE IF EXISTS $check_db" >/dev/null 2>&1 || true
    rm -rf "$work"
}
trap cleanup EXIT

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

step "Base image python:3.11-slim (stand-in, cached in $CONTAINER_CACHE)"
python_base

step "Building $IMAGE"
podman build --quiet --pull=never --network host --secret "id=ca,src=$HOST_CA_BUNDLE" \
    -t "$IMAGE" . >/dev/null
size=$(podman image inspect "$IMAGE" --format '{{.Size}}')
size_mb=$((size / 1000 / 1000))
echo "image size: ${size_mb} MB (limit ${IMAGE_LIMIT_MB} MB, base included)"
[ "$size_mb" -lt "$IMAGE_LIMIT_MB" ] || fail "the image is ${size_mb} MB"

step "What the image holds"
podman run --rm --network none "$IMAGE" sh -c '
    set -e
    shipped=$(find / -xdev \( -name .git -o -name .venv -o -name "*.sqlite3" -o -name "*.db" \
        -o -name ".env" -o -name "*.env" -o -name prod.env -o -name .pytest_cache \
        -o -name .ruff_cache -o -name .hypothesis -o -name bench-results -o -name "*.egg-info" \
        -o -name pluginnovation-cache -o -name build-cache \) -print 2>/dev/null \
        | grep -v "^/proc" || true)
    [ -z "$shipped" ] || { echo "must not ship: $shipped"; exit 1; }
    [ ! -e /app/tests ] || { echo "the tests are in the image"; exit 1; }
    [ -z "$(ls -A /var/cache/pluginnovation)" ] || { echo "a cache was built in"; exit 1; }
    [ -z "$(ls -A /app/media)" ] || { echo "media were built in"; exit 1; }
    [ "$(id -u)" = 10001 ] || { echo "runs as uid $(id -u)"; exit 1; }
    for target in /app/manage.py /app/pluginnovation/settings/production.py /app/new-file \
            /app/templates/base.html /app/staticfiles/new-file; do
        if touch "$target" 2>/dev/null; then echo "uid 10001 can write $target"; exit 1; fi
    done
    ls /app/staticfiles/staticfiles.json >/dev/null
    ls /app/locale/sv/LC_MESSAGES/django.mo >/dev/null
'

step "Release step: migrate, configure_site, load_demo (PostgreSQL database $check_db)"
psql -q "$DATABASE_URL" -c "DROP DATABASE IF EXISTS $check_db" -c "CREATE DATABASE $check_db" \
    >/dev/null
check_url="${DATABASE_URL%/*}/$check_db"
mkdir -m 0755 "$work/media"
chown 10001 "$work/media"
cat >"$work/env" <<EOF
SECRET_KEY=$(python3 -c 'import secrets; print(secrets.token_urlsafe(50))')
ALLOWED_HOSTS=$HOST,localhost
DATABASE_URL=$check_url
SITE_URL=https://$HOST
LOG_LEVEL=WARNING
EOF
run() {
    podman run --rm --network host --env-file "$work/env" -v "$work/media:/app/media" "$IMAGE" "$@"
}
run sh -c 'python manage.py migrate --no-input -v 0 && python manage.py configure_site \
    && python manage.py load_demo >/dev/null'
# An editor's upload: an image and a rendition, written by the app user to the media volume.
run python manage.py shell -c '
from io import BytesIO
from django.core.files.images import ImageFile
from PIL import Image
from wagtail.images import get_image_model
buffer = BytesIO()
Image.new("RGB", (320, 200), "#1d5c8d").save(buffer, "PNG")
image = get_image_model().objects.create(
    title="Kontrollbild", file=ImageFile(buffer, name="kontrollbild.png"))
print(image.file.url)
print(image.get_rendition("fill-100x100").url)
' | grep '^/media/' >"$work/urls" || true
{ read -r original && read -r rendition; } <"$work/urls" || fail "no image uploaded: $(cat "$work/urls")"
echo "uploaded: $original and $rendition"
mkdir -p "$work/media/documents" "$work/media/backups"
echo secret >"$work/media/documents/report.txt"
echo secret >"$work/media/backups/site.tar.gz"

step "Serving: gunicorn in the image, deploy/nginx in front"
web_port=$(free_port)
proxy_port=$(free_port)
podman run -d --name "$web" --network host --env-file "$work/env" -e PORT="$web_port" \
    -v "$work/media:/app/media" "$IMAGE" >/dev/null
sed -e "s|\${WEB_UPSTREAM}|127.0.0.1:$web_port|" -e "s|\${MEDIA_ROOT}|$work/media|" \
    -e "s|\${PROXY_PORT}|127.0.0.1:$proxy_port|" deploy/nginx/default.conf.template \
    >"$work/site.conf"
cat >"$work/nginx.conf" <<EOF
worker_processes 1;
pid $work/nginx.pid;
error_log $work/nginx-error.log warn;
events {}
http {
    include /etc/nginx/mime.types;
    access_log off;
    client_body_temp_path $work/nginx-body;
    proxy_temp_path $work/nginx-proxy;
    include $work/site.conf;
}
EOF
chmod 0755 "$work"
nginx -c "$work/nginx.conf" -g 'daemon off;' &
nginx_pid=$!

# Through the proxy, as the public would reach it (TLS ended in front of it).
fetch() { # fetch PATH -> headers in $work/h, body in $work/b, prints the status
    curl -s -o "$work/b" -D "$work/h" -w '%{http_code}' -H "Host: $HOST" \
        -H 'X-Forwarded-Proto: https' "http://127.0.0.1:$proxy_port$1" || true
}
header() { grep -i "^$1:" "$work/h" | head -n 1 | cut -d' ' -f2- | tr -d '\r'; }
expect() { # expect PATH STATUS [CONTENT-TYPE]
    local status
    status=$(fetch "$1")
    [ "$status" = "$2" ] || fail "$1 answered $status, expected $2: $(head -c 300 "$work/b")"
    if [ -n "${3:-}" ]; then
        [[ "$(header Content-Type)" == "$3"* ]] || fail "$1 is $(header Content-Type), not $3"
    fi
}

for _ in $(seq 1 60); do
    [ "$(fetch /healthz)" = 200 ] && break
    [ "$(podman inspect "$web" --format '{{.State.Running}}')" = true ] || break
    sleep 0.5
done
if [ "$(fetch /healthz)" != 200 ]; then
    podman logs "$web" 2>&1 | tail -n 30
    cat "$work/nginx-error.log" 2>/dev/null
    fail "/healthz does not answer 200: $(cat "$work/b")"
fi
expect /healthz 200 application/json
grep -q '"database": "ok"' "$work/b" && grep -q '"cache": "ok"' "$work/b" ||
    fail "/healthz says $(cat "$work/b")"

expect / 200 text/html
grep -q '<html lang="sv"' "$work/b" || fail "/ is not Swedish"
grep -q "https://$HOST/" "$work/b" || fail "/ does not link to https://$HOST/ (SITE_URL)"
expect /en/ 200 text/html
grep -q '<html lang="en"' "$work/b" || fail "/en/ is not English"
stylesheet=$(grep -oE '/static/[^"]+\.[0-9a-f]{12}\.css' "$work/b" | head -n 1)
[ -n "$stylesheet" ] || fail "/en/ links no fingerprinted stylesheet"
expect "$stylesheet" 200 text/css
[[ "$(header Cache-Control)" == *immutable* ]] || fail "$stylesheet is not cached for good"
[ "$(header X-Content-Type-Options)" = nosniff ] || fail "$stylesheet lacks nosniff"

for path in "$original" "$rendition"; do
    expect "$path" 200 image/png
    [ "$(header X-Content-Type-Options)" = nosniff ] || fail "$path lacks nosniff"
done
expect /media/documents/report.txt 404
expect /media/backups/site.tar.gz 404

step "The serving process"
podman exec "$web" sh -c '
    [ "$(stat -c %u /proc/1)" = 10001 ] || { echo "gunicorn runs as $(stat -c %u /proc/1)"; exit 1; }
    if touch /app/pluginnovation/urls.py 2>/dev/null; then echo "gunicorn can rewrite code"; exit 1; fi
' || fail "the serving process"

step "Container check passed in $(($(date +%s) - started)) s (image ${size_mb} MB)"
