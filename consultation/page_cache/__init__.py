"""Public pages kept once rendered and served early (kept_pages, middleware)."""
