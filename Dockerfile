FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1
WORKDIR /app

COPY pyproject.toml README.md ./
COPY consultation ./consultation
COPY delegates ./delegates
COPY agenda ./agenda
RUN pip install --upgrade pip setuptools && pip install .

COPY . .
RUN DEBUG=false SECRET_KEY=collectstatic-only python manage.py compilemessages \
    && DEBUG=false SECRET_KEY=collectstatic-only python manage.py collectstatic --no-input \
    && useradd --create-home app && mkdir -p /app/media /app/private-media \
    && chown -R app /app/media /app/private-media
USER app

EXPOSE 8000
CMD ["scripts/docker-entrypoint"]
