"""The nine-section case-study format, as the seed directory's "Case Study Format" list has it."""

from __future__ import annotations


class Section:
    """One of the nine sections. A plain class: the checker imports this module at start-up,
    and a dataclass would bring `dataclasses` and `inspect` along."""

    __slots__ = ("aliases", "purpose", "title")

    def __init__(self, title: str, purpose: str, aliases: tuple[str, ...] = ()) -> None:
        self.title = title
        self.purpose = purpose
        # Longer names real documents use for the same section (compared case-insensitively).
        self.aliases = aliases

    def __repr__(self) -> str:
        return f"Section({self.title!r})"


SECTIONS: tuple[Section, ...] = (
    Section("Executive Summary", "Business impact and key achievements"),
    Section(
        "Business Context",
        "Requirements and constraints",
        ("Business Context and Requirements",),
    ),
    Section(
        "Architecture Overview",
        "Component diagram",
        ("Architecture Evolution",),
    ),
    Section("Technical Implementation", "Detailed design decisions"),
    Section(
        "Performance Metrics",
        "Quantitative results",
        ("Performance Metrics and Benchmarks",),
    ),
    Section(
        "Challenges & Solutions",
        "Production issues and resolutions",
        (
            "Challenges and Solutions",
            "Production Challenges and Solutions",
            "Scaling Challenges and Solutions",
        ),
    ),
    Section(
        "Lessons Learned",
        "Key insights for other teams",
        ("Lessons Learned and Key Insights",),
    ),
    Section(
        "Recommendations",
        "Actionable guidance",
        ("Recommendations for Other Teams",),
    ),
    Section(
        "Future Roadmap",
        "Upcoming improvements",
        ("Future Roadmap and Upcoming Improvements",),
    ),
)

SECTION_TITLES: tuple[str, ...] = tuple(section.title for section in SECTIONS)

# The seed's five focus areas: a case-insensitive match of any of these takes this spelling.
SEED_FOCUS_AREAS: tuple[str, ...] = (
    "Production RAG systems",
    "Scaling vector databases",
    "Feature stores",
    "Multi-modal search systems",
    "Real-time inference databases",
)

# Markers a checker looks for to tell an unfilled skeleton from a written one.
PLACEHOLDER_PREFIX = "[TODO:"
GUIDANCE_MARKER = "<!-- guidance:"


def format_list_markdown() -> str:
    """The "Case Study Format" list as the seed's README writes it."""
    return "\n".join(
        f"{number}. **{section.title}** - {section.purpose}"
        for number, section in enumerate(SECTIONS, start=1)
    )
