# syntax=docker/dockerfile:1
# One image for every role: web (gunicorn), worker and beat (Celery), migrate (the Helm hook
# Job); bin/docker-entrypoint picks the role. Build: `docker build -t levensloop .`
#
# The build steps live in bin/image-build, which tests/test_image.py runs too (no container
# engine there): keep every RUN of the build stage a call of that script.

ARG PYTHON_IMAGE=python:3.11-slim-bookworm

FROM ${PYTHON_IMAGE} AS build
ENV PYTHONDONTWRITEBYTECODE=1 PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
WORKDIR /app
# The dependencies first: their layer is rebuilt only when the pins change.
COPY pyproject.toml requirements.lock ./
COPY bin/image-build bin/image-build
RUN bin/image-build deps /opt/venv
COPY . .
RUN bin/image-build app /opt/venv

FROM ${PYTHON_IMAGE} AS runtime
# A user of its own with a fixed uid (the chart's securityContext runs as it); no shell login.
RUN groupadd --gid 10001 levensloop \
 && useradd --uid 10001 --gid 10001 --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin levensloop
COPY --from=build /opt/venv /opt/venv
COPY --from=build /app /app
# Writable places: var/ for files and generated state (a volume in Kubernetes, where the root
# filesystem is read-only), /tmp for scratch and the metrics of the processes.
RUN mkdir -p /app/var && chown 10001:10001 /app/var
ENV PATH=/opt/venv/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    DJANGO_SETTINGS_MODULE=config.settings \
    VAR_DIR=/app/var \
    STATIC_ROOT=/app/static \
    PROMETHEUS_MULTIPROC_DIR=/tmp/prometheus \
    PORT=8000
WORKDIR /app
USER 10001:10001
EXPOSE 8000 9808
ENTRYPOINT ["/app/bin/docker-entrypoint"]
CMD ["web"]
