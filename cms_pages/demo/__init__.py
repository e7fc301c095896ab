"""Demo content for local development: ``seed_demo_content()`` builds an English
Velkomst site (pages, activity ideas, events, images, the welcome manual,
snippets, site details and two local accounts) and is safe to run repeatedly."""

from cms_pages.demo.seed import SeedReport, seed_demo_content

__all__ = ["SeedReport", "seed_demo_content"]
