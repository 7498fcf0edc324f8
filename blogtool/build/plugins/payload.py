"""What plugins add to the Liquid payload: ``site.github`` (jekyll-github-metadata) and
``page.last_modified_at`` (jekyll-last-modified-at)."""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ...models import Sources
from ...timeutil import site_zone
from ..settings import Settings
from . import active, github_metadata, last_modified


def extend(config: Mapping[str, Any], settings: Settings, sources: Sources,
           payloads: Mapping[str, dict], site: dict, jekyll_env: str) -> None:
    names = active(config, settings)
    if "jekyll-github-metadata" in names:
        github_metadata.apply(site, config, settings.source, jekyll_env)
    if "jekyll-last-modified-at" in names:
        docs = [d for d in sources.all_documents() if not d.generated]
        try:
            zone = site_zone(settings.timezone)
        except ValueError:
            return
        times = last_modified.last_modified(settings.source, [d.rel_path for d in docs], zone)
        for doc in docs:
            if doc.rel_path in times and doc.rel_path in payloads:
                payloads[doc.rel_path]["last_modified_at"] = times[doc.rel_path]
