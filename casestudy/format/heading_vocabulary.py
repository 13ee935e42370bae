"""The words headings use for the nine sections, as data: one table per section.

Collected from how public case studies, postmortems and engineering write-ups name their
sections. `casestudy.format.headings` reads these tables; nothing here is code.

Every entry is compared after the heading normalisation (case, plurals, "&" for "and",
hyphens inside words dropped, the STOPWORDS left out), so "Challenges & Solutions",
"challenge and solution" and "Challenges and their Solutions" are one entry.

- `names`: the section's own words. A heading made of these and of qualifier words names
  the section firmly ("Key Lessons Learned", "System Architecture Overview").
- `synonyms`: other words real documents use for the section ("Key Takeaways", "Next
  Steps"). A heading that needs one of these, or that carries words of its own, names the
  section only where the document has not already got it (see `headings.assign_sections`).
- `qualifiers`: words that may stand around the section's words without changing what it
  is ("Scaling Challenges and Solutions", "Performance Metrics and Trade-offs").

A phrase belongs to one section (or to EXTRAS) only; `headings` refuses a table that says
otherwise.
"""

from __future__ import annotations

# Left out of headings and entries alike before comparing.
STOPWORDS = (
    "a", "an", "the", "and", "or", "of", "for", "to", "in", "on", "at", "by", "with",
    "from", "into", "as", "about", "we", "our", "us", "you", "your", "their", "its", "it",
    "they", "them", "this", "that", "these", "those", "is", "are", "was", "were", "be",
    "been", "has", "have", "had", "what", "how", "why", "where", "when", "which", "who",
    "so", "far", "do", "did", "would", "vs", "versus", "via", "per",
)

# Words that may stand around any section's words ("Key", "Detailed", "Overview").
GENERAL_QUALIFIERS = (
    "key", "main", "major", "primary", "core", "top", "important", "critical", "notable",
    "essential", "overall", "general", "detailed", "detail", "overview", "summary",
    "deep", "dive", "highlight", "brief", "quick", "short", "full", "complete",
    "technical", "tech", "engineering", "production", "operational", "system", "platform",
    "project", "case", "study", "initial", "final", "current", "additional", "specific",
    "selected", "real", "world", "practical", "actual", "observed", "section", "part",
)

# Headings that name no section. A heading that starts with one of these is an extra,
# whatever follows ("Appendix B: Performance Metrics", "References and Further Reading").
EXTRAS = (
    "conclusion", "concluding remarks", "closing remarks", "final thoughts",
    "closing thoughts", "wrap up", "wrapping up", "reference", "sources", "citations",
    "bibliography", "appendix", "appendices", "annex", "table of contents", "contents",
    "toc", "timeline", "incident timeline", "chronology", "see also", "further reading",
    "related reading", "related work", "related case studies", "related", "reading list",
    "acknowledgements", "acknowledgments", "credits", "thanks", "glossary", "terminology",
    "key terms", "definitions", "abbreviations", "acronyms", "about the author", "authors",
    "contributors", "faq", "frequently asked questions", "questions", "contact",
    "license", "licence", "changelog", "change log", "revision history",
    "document history", "version history", "disclaimer", "resources",
    "additional resources", "links", "useful links", "notes", "footnotes", "metadata",
    "tags", "prerequisites", "audience", "target audience", "how to use this document",
    "discussion", "q and a",
)

SECTION_VOCABULARY: dict[str, dict[str, tuple[str, ...]]] = {
    "Executive Summary": {
        "names": ("executive summary",),
        "synonyms": (
            "summary", "overview", "tl dr", "tldr", "abstract", "introduction", "intro",
            "at a glance", "synopsis", "executive overview", "executive brief",
            "management summary", "key achievements", "highlights",
        ),
        "qualifiers": ("executive",),
    },
    "Business Context": {
        "names": ("business context",),
        "synonyms": (
            "context", "background", "business problem", "problem statement", "problem",
            "business requirements", "requirements", "business case", "business goals",
            "business drivers", "motivation", "use case", "goals", "objectives",
            "constraints", "problem space", "situation",
        ),
        "qualifiers": (
            "business", "scope", "stakeholders", "needs", "drivers", "domain", "market",
            "functional", "nonfunctional", "success", "criteria", "original", "initial",
        ),
    },
    "Architecture Overview": {
        "names": ("architecture overview", "architecture"),
        "synonyms": (
            "system design", "solution design", "design overview", "high level design",
            "highlevel design", "system overview", "solution overview",
            "platform overview", "component diagram", "components", "design",
            "infrastructure", "topology", "data flow", "how it fits together",
        ),
        "qualifiers": (
            "solution", "high", "level", "highlevel", "reference", "target", "evolution",
            "proposed", "logical", "physical", "diagram", "diagrams", "component",
            "components", "flow", "data", "design", "glance", "end", "endtoend",
            "stack", "topology", "infrastructure",
        ),
    },
    "Technical Implementation": {
        "names": ("technical implementation", "implementation"),
        "synonyms": (
            "implementation details", "technical details", "technical deep dive", "deep dive",
            "design decisions", "key design decisions", "technical approach",
            "approach", "how it works", "building the system",
            "under the hood", "the solution", "solution", "engineering details",
            "internals",
        ),
        "qualifiers": (
            "approach", "strategy", "details", "decisions", "choices", "pipeline",
            "walkthrough", "notes", "highlights", "building",
        ),
    },
    "Performance Metrics": {
        "names": ("performance metrics", "performance"),
        "synonyms": (
            "metrics", "results", "outcomes", "benchmarks", "benchmark results",
            "impact", "business impact", "measured results", "evaluation", "kpis",
            "kpi", "by the numbers", "numbers", "measurements", "scorecard",
            "results and impact", "success metrics",
        ),
        "qualifiers": (
            "tradeoff", "tradeoffs", "analysis", "measurement", "measured", "comparison",
            "before", "after", "improvement", "improvements", "gains", "cost",
            "latency", "throughput", "accuracy", "reliability", "availability",
            "efficiency", "scalability", "scale", "quality", "slo", "slos", "sla",
            "benchmark", "benchmarks", "evaluation", "metrics", "results", "kpis",
            "characteristics", "figures",
        ),
    },
    "Challenges & Solutions": {
        "names": ("challenges and solutions", "challenges"),
        "synonyms": (
            "problems and solutions", "issues and resolutions", "issues and solutions",
            "obstacles", "hurdles", "pitfalls", "difficulties", "production issues",
            "what went wrong", "war stories", "gotchas", "failure modes",
            "problems encountered", "issues encountered", "problems faced",
        ),
        "qualifiers": (
            "solution", "solutions", "resolution", "resolutions", "fix", "fixes",
            "mitigation", "mitigations", "workaround", "workarounds", "scaling", "scale",
            "implementation", "encountered", "faced", "solved", "overcome", "addressed",
            "tackled", "handled", "unexpected", "open", "remaining", "risks", "problems",
            "issues", "migration", "deployment", "operational",
        ),
    },
    "Lessons Learned": {
        "names": ("lessons learned", "lessons"),
        "synonyms": (
            "lessons learnt", "learnings", "learning", "learned", "learnt", "takeaways",
            "key takeaways", "insights", "key insights", "what learned", "retrospective",
            "reflections", "what worked", "what went well", "would do differently",
            "in hindsight", "hindsight", "looking back",
        ),
        "qualifiers": (
            "hard", "earned", "hardearned", "team", "organizational", "organisational",
            "process", "insights", "takeaways", "learned", "learnt", "practitioners",
        ),
    },
    "Recommendations": {
        "names": ("recommendations",),
        "synonyms": (
            "best practices", "advice", "guidance", "tips", "dos and donts",
            "do and dont", "practical guidance", "guidelines", "decision framework",
            "building similar systems",
            "for other teams", "for practitioners", "applying this",
        ),
        "qualifiers": (
            "other", "team", "teams", "practitioners", "readers", "engineers",
            "organizations", "organisations", "adopters", "similar", "systems",
            "actionable", "strategic", "building", "adopting", "considering",
            "practices", "best", "advice", "guidance", "our",
        ),
    },
    "Future Roadmap": {
        "names": ("future roadmap", "roadmap"),
        "synonyms": (
            "future work", "future improvements", "future directions", "future plans",
            "future enhancements", "future", "next steps", "whats next", "looking ahead",
            "upcoming work", "upcoming improvements", "planned improvements",
            "planned work", "outlook", "next phase", "road ahead", "next",
            "open questions",
        ),
        "qualifiers": (
            "upcoming", "improvements", "improvement", "enhancements", "planned",
            "plans", "term", "shortterm", "mediumterm", "longterm", "direction",
            "directions", "work", "next", "steps", "vision", "evolution", "ahead",
        ),
    },
}
