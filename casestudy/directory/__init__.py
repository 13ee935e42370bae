"""A case-study directory on disk: how case studies are named, read as records, written safely."""
