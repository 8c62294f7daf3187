# Production image: gunicorn as an unprivileged user that cannot change the code; static files
# and messages are built in. Dependencies come from requirements.lock (pinned, with hashes).
# Migrations are a separate release step, run before switching traffic to a new image:
#   docker run --rm --env-file prod.env pluginnovation \
#       sh -c "python manage.py migrate --no-input && python manage.py configure_site"
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    DJANGO_SETTINGS_MODULE=pluginnovation.settings.production \
    MEDIA_ROOT=/app/media \
    CACHE_DIR=/var/cache/pluginnovation \
    PORT=8000

RUN useradd --system --uid 10001 --user-group --home-dir /nonexistent --no-create-home \
        --shell /usr/sbin/nologin pluginnovation
WORKDIR /app

# A build secret "ca" (a CA bundle) is only for builders behind a TLS-inspecting proxy; it is
# mounted for this step alone and never stored in a layer. Without it pip uses its own.
COPY requirements.lock ./
RUN --mount=type=secret,id=ca,target=/run/secrets/ca.pem \
    if [ -s /run/secrets/ca.pem ]; then export PIP_CERT=/run/secrets/ca.pem; fi \
    && pip install --no-deps --require-hashes -r requirements.lock

# Owned by root and read-only for the app user: the process that serves the internet cannot
# rewrite settings, templates or code.
COPY . .

# Build-time values only: collectstatic and compiling messages need settings, not secrets. The
# throwaway cache folder keeps the build from leaving a root-owned cache behind.
RUN export SECRET_KEY=build-only ALLOWED_HOSTS=build DATABASE_URL=sqlite:////tmp/build.db \
        CACHE_DIR=/tmp/build-cache \
    && python manage.py collectstatic --no-input --verbosity 0 \
    && python manage.py compile_translations \
    && python -m compileall -q -j 0 /app \
    && rm -rf /tmp/build.db /tmp/build-cache \
    && install -d -o pluginnovation -g pluginnovation -m 0755 /app/media \
    && install -d -o pluginnovation -g pluginnovation -m 0700 /var/cache/pluginnovation

USER pluginnovation
VOLUME ["/app/media"]
EXPOSE 8000
CMD ["sh", "-c", "exec gunicorn pluginnovation.wsgi:application --bind 0.0.0.0:${PORT} --workers ${GUNICORN_WORKERS:-2} --worker-tmp-dir /dev/shm --no-control-socket --forwarded-allow-ips '*' --access-logfile -"]
