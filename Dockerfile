FROM python:3.11-slim
WORKDIR /app
ENV PYTHONUNBUFFERED=1 PIP_DISABLE_PIP_VERSION_CHECK=1
# CPU torch first, from the PyTorch CPU index, so the CUDA build is never pulled in.
RUN pip install --no-cache-dir torch==2.13.0 --index-url https://download.pytorch.org/whl/cpu
COPY pyproject.toml README.md ./
COPY bot bot
COPY collector collector
COPY classifier classifier
COPY textparse textparse
COPY identity identity
COPY recommender recommender
COPY vocabulary vocabulary
COPY crm crm
COPY analytics analytics
COPY db db
COPY locales locales
COPY sandbox sandbox
COPY scripts scripts
# A regular (not editable) install: what ships is what the wheel carries, which
# tests/packaging/test_wheel.py checks (locales, the whole model directory, static pages, migrations).
RUN pip install --no-cache-dir . && rm -rf /app/*
RUN useradd --create-home radar && mkdir -p /data/telethon && chown radar /data/telethon
USER radar
ENTRYPOINT ["radar"]
