"""The case-study format itself: the nine sections, headline metrics, front matter."""
