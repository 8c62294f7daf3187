# Production image: gunicorn as a non-root user, static files and messages built in.
# Migrations are a separate release step: `docker run ... python manage.py migrate --no-input`.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    DJANGO_SETTINGS_MODULE=pluginnovation.settings.production \
    PORT=8000

RUN useradd --create-home --uid 10001 pluginnovation
WORKDIR /app

COPY pyproject.toml README.md ./
RUN pip install --upgrade pip && pip install .

COPY --chown=pluginnovation:pluginnovation . .

# Build-time values only: collectstatic and compiling messages need settings, not secrets.
RUN SECRET_KEY=build-only ALLOWED_HOSTS=build DATABASE_URL=sqlite:////tmp/build.db \
        python manage.py collectstatic --no-input --verbosity 0 \
    && SECRET_KEY=build-only ALLOWED_HOSTS=build DATABASE_URL=sqlite:////tmp/build.db \
        python manage.py compile_translations \
    && mkdir -p /app/media && chown -R pluginnovation:pluginnovation /app/media /app/staticfiles

USER pluginnovation
EXPOSE 8000
CMD ["sh", "-c", "exec gunicorn pluginnovation.wsgi:application --bind 0.0.0.0:${PORT} --workers ${GUNICORN_WORKERS:-2} --access-logfile -"]
