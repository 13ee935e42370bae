"""A fictional case-study directory written the way real ones are, for benchmarks.

Real directories are not uniform: the index README lists every case study in one table;
older case studies are flat `NN_slug.md` files without front matter (and often without a
final newline), newer ones are `NN_slug/README.md` folders from the template with YAML front
matter. Authors name the nine sections their own way ("Technical Implementation Details",
"4. Performance Metrics and Benchmarks"), add sections of their own (Conclusion, Appendix,
References), split sections into H3 subsections, and fill them with code fences (Python,
YAML, SQL, Mermaid diagrams), tables of numbers, bullet lists with bold lead-ins, inline code,
relative links and images, and external URLs. They restate the headline metrics (the index
row's or front matter's three) in the body, sometimes exactly as written ("2.1B vectors"),
sometimes in other words ("2.1 billion vectors", "p99 latency of 87 ms", "$0.0012 per
query"), and about one document in five leaves one or more of them out of the body entirely,
which is the path a checker pays most for (it has to look at every figure before it can say
a metric is missing).

`generate(root, count)` writes such a directory: `count` case studies of 8-16 KB each, plus
the index, plus the small image files the documents link to. Everything is deterministic: a
case study depends only on its number and the seed, so case study 7 is the same document in
a corpus of 1,000 and in one of 10,000, and it links only to lower-numbered case studies,
which exist in both. Every system, team and figure is made up, as the index says.

Filler prose draws its figures from a coarse grid (latencies in multiples of 5 ms, whole
percentages in multiples of 5, round counts) and headline metrics lie off that grid, so a
headline metric left out of a body is not found there by accident.

Run as a script to write a corpus and print its shape:

    python benchmarks/corpus.py DIR [--count 1000] [--seed 0] [--cache]
"""

from __future__ import annotations

import argparse
import os
import random
import re
import shutil
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")

# Bump when the generated text changes, so that cached corpora are not reused.
GENERATOR_VERSION = 1

# --- names ---------------------------------------------------------------------------------

_DOMAINS = (
    "Vector", "Semantic Search", "Fraud Feature", "Recommendation", "Embedding", "Retrieval",
    "Multi-Modal Search", "Real-Time Inference", "Ad Ranking", "Product Search", "Document QA",
    "Image Similarity", "Personalisation", "Knowledge Graph", "Code Search", "Catalog Matching",
    "Conversational RAG", "Geo Search", "Log Anomaly", "Risk Scoring", "Music Recommendation",
    "Video Retrieval", "Legal Document", "Support Ticket", "Query Understanding",
)
_SYSTEMS = (
    "Database", "Feature Store", "Index", "Platform", "Pipeline", "Cache", "Service", "Store",
    "Engine", "Cluster", "Gateway", "Serving Layer", "Warehouse", "Lakehouse", "Graph",
    "Registry", "Router", "Queue", "Ledger", "Catalog",
)
_ASPECTS = (
    "Scale", "at Scale", "Migration", "in Production", "Consolidation", "Rebuild",
    "Cost Reduction", "Latency Overhaul", "Multi-Region Rollout", "Sharding", "Replatforming",
    "Hybrid Search", "Tiered Storage", "Freshness", "Reliability", "Launch", "Redesign",
    "Evolution", "Capacity Planning", "Observability",
)
_NAME_COMBINATIONS = len(_DOMAINS) * len(_SYSTEMS) * len(_ASPECTS)

FOCUS_AREAS = (
    "Production RAG systems",
    "Scaling vector databases",
    "Feature stores",
    "Multi-modal search systems",
    "Real-time inference databases",
)

# The index's "Case Study Format" list, as the seed directory writes it.
FORMAT_LIST = (
    ("Executive Summary", "Business impact and key achievements"),
    ("Business Context", "Requirements and constraints"),
    ("Architecture Overview", "Component diagram"),
    ("Technical Implementation", "Detailed design decisions"),
    ("Performance Metrics", "Quantitative results"),
    ("Challenges & Solutions", "Production issues and resolutions"),
    ("Lessons Learned", "Key insights for other teams"),
    ("Recommendations", "Actionable guidance"),
    ("Future Roadmap", "Upcoming improvements"),
)

# How authors title each of the nine sections; the first is the template's own name, and
# template documents mostly keep it.
_HEADINGS = (
    ("Executive Summary", "Executive Summary", "Executive Summary and Key Results"),
    (
        "Business Context", "Business Context and Requirements",
        "Business Context & Problem Statement", "Business Requirements and Context",
    ),
    (
        "Architecture Overview", "System Architecture Overview", "Architecture Evolution",
        "High-Level Architecture Overview",
    ),
    (
        "Technical Implementation", "Technical Implementation Details", "Implementation Details",
        "Technical Deep Dive: Implementation",
    ),
    (
        "Performance Metrics", "Performance Metrics and Benchmarks",
        "Performance Metrics & Results", "Production Performance Metrics",
    ),
    (
        "Challenges & Solutions", "Challenges and Solutions", "Technical Challenges and Solutions",
        "Production Challenges and Solutions", "Scaling Challenges and Solutions",
    ),
    ("Lessons Learned", "Key Lessons Learned", "Lessons Learned and Key Insights"),
    (
        "Recommendations", "Recommendations for Other Teams",
        "Recommendations for Practitioners",
    ),
    (
        "Future Roadmap", "Future Improvements and Roadmap",
        "Future Roadmap and Upcoming Improvements", "Roadmap and Next Steps",
    ),
)

_EXTERNAL = (
    ("the HNSW paper", "https://arxiv.org/abs/1603.09320"),
    ("FAISS", "https://github.com/facebookresearch/faiss"),
    ("pgvector", "https://github.com/pgvector/pgvector"),
    ("the product quantization paper", "https://ieeexplore.ieee.org/document/5432202"),
    ("the Kafka documentation", "https://kafka.apache.org/documentation/"),
    ("Feast", "https://feast.dev/"),
    ("the PostgreSQL manual", "https://www.postgresql.org/docs/current/"),
    ("Prometheus histograms", "https://prometheus.io/docs/practices/histograms/"),
    ("the DiskANN paper", "https://arxiv.org/abs/1907.05024"),
    ("the RAG paper", "https://arxiv.org/abs/2005.11401"),
    ("the Redis documentation", "https://redis.io/docs/latest/"),
    ("the Milvus documentation", "https://milvus.io/docs"),
)

# --- filler prose: a shared pool of paragraphs, built once ----------------------------------

_NOUNS = (
    "index", "shard", "replica", "embedding", "feature", "pipeline", "cache", "query path",
    "partition", "snapshot", "compaction job", "tenant", "segment", "model", "batch job",
    "stream", "schema", "checkpoint", "consumer group", "scheduler", "re-ranker", "manifest",
    "write-ahead log", "router", "ingestion worker", "vector store", "feature view",
)
_ADJECTIVES = (
    "hot", "cold", "stale", "skewed", "bursty", "regional", "tiered", "incremental",
    "approximate", "exact", "noisy", "sparse", "dense", "nightly", "online", "offline",
)
_CODE = (
    "`ef_search`", "`nprobe`", "`max_batch_size`", "`consistency_level=QUORUM`",
    "`ttl_seconds`", "`read_repair`", "`ef_construction=200`", "`M=32`", "`num_shards`",
    "`replication_factor=3`", "`fsync=false`", "`pq_bits=8`", "`refresh_interval`",
    "`max_connections`", "`shard_key`", "`embedding_dim=768`", "`top_k`", "`rerank_depth`",
)
_TEMPLATES: dict[str, tuple[str, ...]] = {
    "generic": (
        "The {adj} {noun} turned out to matter more than the {noun2} for most of the year.",
        "We measured every change against the previous release for {days} days before "
        "rolling it out to all {regions} regions.",
        "Setting {code} per tenant rather than globally removed most of the {adj} traffic.",
        "Nothing about the {noun} was new; running it for {teams} product teams at once was.",
        "The on-call rotation logged {incidents0} incidents in the quarter, most of them in "
        "the {noun}.",
        "Roughly {pct}% of the work went into the {noun} and the rest into the {noun2}.",
        "A {adj} {noun} hides problems until the {noun2} falls behind, so we alert on both.",
        "See {link} for the background; our version differs mainly in how the {noun} is "
        "rebuilt.",
    ),
    "business": (
        "Before the project, {teams} teams each ran a {noun} of their own, with {oncall} "
        "separate on-call rotations.",
        "Product asked for results in under {ms} ms at the median so that search felt "
        "instant on mobile.",
        "The budget allowed about ${cost}K a month for serving, including the {noun}.",
        "Regulators required that {adj} data stay in the region it was collected in.",
        "Customer complaints about {adj} results had grown by {pct}% year over year.",
        "The {noun} had been built for a tenth of today's traffic and it showed.",
    ),
    "architecture": (
        "Requests enter through the {noun}, which fans out to the {noun2} that owns each "
        "namespace.",
        "Writes land in the {noun} first and reach the {noun2} within {sec} seconds.",
        "Each {noun} runs as {replicas} replicas behind a {adj} load balancer.",
        "We keep the {adj} tier in memory and the long tail on NVMe, with {code} tuned per tier.",
        "The {noun} is stateless; everything it needs lives in the {noun2}.",
        "Cross-region traffic goes through a {adj} {noun}, never directly between shards.",
    ),
    "implementation": (
        "The {noun} is written in Go; the {noun2} reuses an open-source library (see {link}).",
        "We chose {code} after a week of offline sweeps over {queries}K sampled queries.",
        "Segments are immutable once sealed, so the {noun} never blocks on the {noun2}.",
        "A {adj} {noun} is rebuilt every {hours} hours from the write-ahead log.",
        "Embeddings are {dims}-dimensional and stored as 8-bit codes on the {adj} tier.",
        "Backfills run through the same {noun} as live writes, throttled to {pct}% of capacity.",
    ),
    "performance": (
        "Load tests replayed {days} days of production traffic at {mult}x speed.",
        "Latency is measured at the API, client side, in {window}-minute windows.",
        "CPU utilisation stays under {pct}% at the daily peak, leaving room for failover.",
        "Tail latency during compaction rose by {ms} ms before we throttled the {noun}.",
        "The {adj} {noun} accounts for most of the cost; storage is a small share.",
    ),
    "challenges": (
        "The {noun} fell behind whenever a {adj} tenant re-embedded its whole catalogue.",
        "Recall dropped after we changed {code}, and no dashboard showed it for {days} days.",
        "A {adj} {noun} caused {incidents} incidents before we found the root cause.",
        "Hot keys overloaded a single {noun}; splitting them across {replicas} replicas fixed it.",
    ),
    "lessons": (
        "Measure the {noun} before tuning it; our first guesses were wrong about half the time.",
        "A {adj} {noun} is cheaper to operate than a clever one.",
        "Put {code} under version control with the rest of the configuration.",
        "Shadow traffic found more bugs in the {noun} than all the unit tests together.",
    ),
    "recommendations": (
        "Start with one {noun} and a clear owner; split only when the numbers say so.",
        "Budget {pct}% of the team's time for operations from the first month.",
        "Alert on the {noun} lag, not only on error rates.",
        "Keep a replayable log of writes so that the {noun2} can be rebuilt at any time.",
    ),
    "roadmap": (
        "Next quarter we move the {noun} to the shared platform and retire the old {noun2}.",
        "We plan to test {code} on the {adj} tier and publish what we find.",
        "Longer term, the {noun} should rebuild itself without a maintenance window.",
        "A {adj} {noun} for cross-region reads is in design review.",
    ),
}


class _Slots(dict[str, str]):
    """A template's slots, each drawn only when the template names it. Figures lie on a
    coarse grid (see the module docstring)."""

    def __init__(self, rng: random.Random) -> None:
        super().__init__()
        self.rng = rng

    def __missing__(self, key: str) -> str:
        rng = self.rng
        if key == "link":
            name, url = rng.choice(_EXTERNAL)
            return f"[{name}]({url})"
        if key in ("adj", "noun", "noun2", "code"):
            words = {"adj": _ADJECTIVES, "code": _CODE}.get(key, _NOUNS)
            return rng.choice(words)
        low, high, step = _GRID[key]
        return str(rng.randrange(low, high, step))


_GRID = {  # slot: (low, high, step) of the figures drawn for it
    "days": (7, 91, 7), "regions": (2, 7, 1), "teams": (3, 13, 1), "oncall": (2, 6, 1),
    "incidents": (2, 7, 1), "incidents0": (10, 50, 10), "pct": (10, 95, 5),
    "ms": (10, 400, 5), "cost": (20, 400, 10), "sec": (5, 65, 5), "replicas": (2, 7, 1),
    "queries": (10, 500, 10), "hours": (6, 54, 6), "dims": (256, 1280, 128),
    "mult": (2, 6, 1), "window": (5, 20, 5),
}

_POOL: dict[str, list[str]] = {}  # theme: paragraphs
_SENTENCES: dict[str, list[str]] = {}  # theme: single sentences, for lists and lead-ins
_POOL_SIZE = 400  # paragraphs per theme


def _pool() -> dict[str, list[str]]:
    if not _POOL:
        rng = random.Random(20260101)
        for theme, templates in _TEMPLATES.items():
            mixed = templates + _TEMPLATES["generic"]
            _POOL[theme] = [
                _articles(" ".join(
                    rng.choice(mixed).format_map(_Slots(rng)) for _ in range(rng.randint(3, 6))
                ))
                for _ in range(_POOL_SIZE)
            ]
            _SENTENCES[theme] = [
                _articles(rng.choice(templates).format_map(_Slots(rng)).rstrip("."))
                for _ in range(_POOL_SIZE)
            ]
    return _POOL


def _articles(text: str) -> str:
    return _A_VOWEL.sub(lambda match: match.group(1) + "n" + match.group(2), text)


_A_VOWEL = re.compile(r"\b([Aa])( [aeiou])")


# --- headline metrics ------------------------------------------------------------------------
# Each kind gives (as written in the index and front matter, other ways of writing it): the
# same value, unit, per-unit and percentile in other words, not synonyms ("embeddings" for
# "vectors"). Quality scores (NDCG@10, recall@10) are restated as written, as authors do.
# Values lie off the filler's grid: latencies never a multiple of 5 ms, and so on.


def _off_grid(rng: random.Random, low: int, high: int) -> int:
    value = rng.randint(low, high)
    return value + 1 if value % 5 == 0 else value


def _tenths(rng: random.Random, low: int, high: int) -> str:
    value = rng.randint(low, high)
    return f"{value // 10}.{value % 10 or 3}"


def _m_vectors(rng: random.Random) -> tuple[str, list[str]]:
    if rng.random() < 0.7:
        v = _tenths(rng, 11, 99)
        return f"{v}B vectors", [f"{v} billion vectors"]
    v = str(_off_grid(rng, 120, 980))
    return f"{v}M vectors", [f"{v} million vectors"]


def _m_latency(rng: random.Random) -> tuple[str, list[str]]:
    p = rng.choice(("p50", "p95", "p99", "p99"))
    ms = _off_grid(rng, 3, 240)
    other = [f"{p} latency of {ms} ms", f"{p} latency of {ms} milliseconds"]
    if p == "p50":
        other.append(f"median latency of {ms} ms")
    return f"{ms}ms {p} latency", other


def _m_cost(rng: random.Random) -> tuple[str, list[str]]:
    v = f"0.{_off_grid(rng, 2, 99):04d}"
    return f"${v}/query", [f"${v} per query"]


def _m_queries(rng: random.Random) -> tuple[str, list[str]]:
    v = _tenths(rng, 11, 99)
    return f"{v}B queries/month", [f"{v} billion queries per month", f"{v}B queries per month"]


def _m_qps(rng: random.Random) -> tuple[str, list[str]]:
    v = _tenths(rng, 11, 480)
    return f"{v}K QPS", [f"{v}K queries per second", f"{v} thousand queries per second"]


def _m_features(rng: random.Random) -> tuple[str, list[str]]:
    v = _tenths(rng, 11, 99)
    return f"{v}M features/sec", [f"{v} million features per second"]


def _m_availability(rng: random.Random) -> tuple[str, list[str]]:
    v = rng.choice(("99.97", "99.99", "99.993", "99.995", "99.999", "99.98"))
    return f"{v}% availability", [f"availability of {v}%", f"{v} percent availability"]


def _m_ndcg(rng: random.Random) -> tuple[str, list[str]]:
    v = f"0.{_off_grid(rng, 61, 93)}"
    return f"{v} NDCG@10", [f"{v} NDCG@10 on the held-out set"]


def _m_recall(rng: random.Random) -> tuple[str, list[str]]:
    v = f"0.{_off_grid(rng, 86, 98)}"
    return f"{v} recall@10", [f"{v} recall@10 against exact search"]


def _m_savings(rng: random.Random) -> tuple[str, list[str]]:
    v = _off_grid(rng, 21, 78)
    return f"{v}% cost reduction", [f"{v} percent lower cost", f"cost down by {v}%"]


def _m_documents(rng: random.Random) -> tuple[str, list[str]]:
    v = _off_grid(rng, 12, 480)
    return f"{v}M documents/day", [f"{v} million documents per day"]


MetricKind = Callable[[random.Random], tuple[str, list[str]]]
# (scale, speed, cost or quality): a headline row names one of each.
_SCALE_KINDS: tuple[MetricKind, ...] = (_m_vectors, _m_queries, _m_qps, _m_features, _m_documents)
_SPEED_KINDS: tuple[MetricKind, ...] = (_m_latency, _m_latency, _m_latency, _m_availability)
_VALUE_KINDS: tuple[MetricKind, ...] = (_m_cost, _m_cost, _m_ndcg, _m_recall, _m_savings)

# Sentences that restate one headline metric in prose; {m} is the metric in other words.
_RESTATE = (
    "In production the system now sustains {m}.",
    "Over the last full quarter we measured {m}.",
    "The migration brought us to {m}.",
    "Today the platform reports {m} on its main dashboard.",
    "Most teams noticed the change as {m}.",
)


# --- one case study ----------------------------------------------------------------------------


class Entry:
    """One case study's identity: what the index row and the front matter say."""

    __slots__ = ("focus", "layout", "metrics", "name", "number", "others", "slug", "title")

    def __init__(self, number: int, seed: int) -> None:
        rng = random.Random(seed * 1_000_003 + number * 2)
        combination = _name_order(seed)[(number - 1) % _NAME_COMBINATIONS]
        domain, rest = divmod(combination, len(_SYSTEMS) * len(_ASPECTS))
        system, aspect = divmod(rest, len(_ASPECTS))
        title = f"{_DOMAINS[domain]} {_SYSTEMS[system]} {_ASPECTS[aspect]}"
        if number > _NAME_COMBINATIONS:
            title += f" {(number - 1) // _NAME_COMBINATIONS + 1}"
        self.number = number
        self.title = title
        self.slug = "_".join(
            "".join(c for c in word if c.isalnum()) for word in title.lower().split()
        )
        self.name = f"{number:02d}_{self.slug}"
        # about one in three is an older flat file, as in directories that predate the template
        self.layout = "flat" if rng.random() < 0.35 else "folder"
        self.focus = rng.choice(FOCUS_AREAS)
        written = []
        others = []
        for kinds in (_SCALE_KINDS, _SPEED_KINDS, _VALUE_KINDS):
            text, alternatives = rng.choice(kinds)(rng)
            written.append(text)
            others.append(alternatives)
        self.metrics = written
        self.others = others

    @property
    def path(self) -> str:
        return f"{self.name}.md" if self.layout == "flat" else f"{self.name}/README.md"

    def index_row(self) -> str:
        return (
            f"| **[{self.title}]({self.path})** | {', '.join(self.metrics)} | {self.focus} |"
        )


_NAME_ORDERS: dict[int, list[int]] = {}


def _name_order(seed: int) -> list[int]:
    if seed not in _NAME_ORDERS:
        order = list(range(_NAME_COMBINATIONS))
        random.Random(seed).shuffle(order)
        _NAME_ORDERS[seed] = order
    return _NAME_ORDERS[seed]


def _anchor(heading: str) -> str:
    """GitHub's anchor for a heading."""
    return _NOT_IN_ANCHOR.sub("", heading.lower()).replace(" ", "-")


_NOT_IN_ANCHOR = re.compile(r"[^\w\- ]")


def _rel(source: Entry, target: Entry) -> str:
    """A relative link from `source`'s markdown file to `target`'s."""
    prefix = "../" if source.layout == "folder" else ""
    return prefix + target.path


def _image_path(entry: Entry, kind: str) -> str:
    """Where `entry` keeps an image, relative to the directory root: beside a folder's
    README, in the shared images/ folder for a flat file."""
    if entry.layout == "folder":
        return f"{entry.name}/{kind}.png"
    return f"images/{entry.name}_{kind}.png"


def _image_ref(entry: Entry, kind: str) -> str:
    return f"{kind}.png" if entry.layout == "folder" else _image_path(entry, kind)


class _Writer:
    """Builds one document's sections; `images` collects the image files it links to."""

    def __init__(self, entry: Entry, entries: list[Entry], seed: int) -> None:
        self.entry = entry
        self.entries = entries
        self.rng = random.Random(seed * 1_000_003 + entry.number * 2 + 1)
        self.pool = _pool()
        self.sentences = _SENTENCES
        self.random = self.rng.random
        self.images: list[str] = []

    def pick(self, items: Sequence[T]) -> T:
        """rng.choice, at a third of its cost: a document makes a few hundred picks."""
        return items[int(self.random() * len(items))]

    def para(self, theme: str) -> str:
        return self.pick(self.pool[theme])

    def sentence(self, theme: str) -> str:
        """One sentence, without its full stop."""
        return self.pick(self.sentences[theme])

    def paras(self, theme: str, low: int, high: int) -> list[str]:
        return self.rng.sample(self.pool[theme], self.rng.randint(low, high))

    def image(self, kind: str, alt: str) -> str:
        self.images.append(_image_path(self.entry, kind))
        return f"![{alt}]({_image_ref(self.entry, kind)})"

    def neighbour_link(self) -> str:
        number = self.entry.number
        if number == 1:
            prefix = "../" if self.entry.layout == "folder" else ""
            return f"the [index of case studies]({prefix}README.md)"
        other = self.entries[self.rng.randint(max(1, number - 40), number - 1) - 1]
        return f"[{other.title}]({_rel(self.entry, other)})"

    # --- the nine sections ---

    def executive_summary(self, stated: list[tuple[int, str, str]]) -> list[str]:
        rng = self.rng
        parts = self.paras("generic", 1, 2)
        exact = [text for _, text, how in stated if how == "exact"]
        prose = [text for _, text, how in stated if how == "prose"]
        if prose:
            parts.append(" ".join(rng.choice(_RESTATE).format(m=m) for m in prose))
        if exact:
            parts.append(
                "**Headline results:**\n\n"
                + "\n".join(
                    f"- **{m}**: {self.sentence('performance')}."
                    for m in exact
                )
            )
        return parts

    def business_context(self) -> list[str]:
        rng = self.rng
        parts = []
        if rng.random() < 0.6:
            parts.append("### Problem Statement\n\n" + self.para("business"))
            parts.append(
                "### Requirements\n\n"
                + "\n".join(
                    f"- {self.sentence('business')}." for _ in range(rng.randint(3, 5))
                )
            )
            parts.append("### Constraints\n\n" + self.para("business"))
        else:
            parts.extend(self.paras("business", 2, 3))
        return parts

    def architecture(self) -> list[str]:
        rng = self.rng
        parts = [self.para("architecture")]
        service, store = rng.sample(("api", "router", "ingest", "cache", "ranker", "writer"), 2)
        diagram = rng.choice((
            "```mermaid\nflowchart LR\n    client[Product services] --> api[Query API]\n"
            f"    api --> {service}[{service.title()}]\n    {service} --> hot[(Hot tier)]\n"
            f"    {service} --> warm[(Warm tier)]\n    pipeline[Embedding pipeline] --> "
            f"{store}[{store.title()}] --> warm\n```",
            "```mermaid\ngraph TD\n    A[Clients] -->|gRPC| B(Gateway)\n    B --> C{Router}\n"
            f"    C -->|reads| D[({store.title()} replicas)]\n"
            "    C -->|writes| E[Write-ahead log]\n"
            "    E --> F[Segment builder]\n    F --> D\n```",
            "```mermaid\nsequenceDiagram\n    participant C as Client\n"
            f"    participant A as {service.title()}\n    participant S as Store\n"
            "    C->>A: query(vector, top_k)\n    A->>S: search shards\n"
            "    S-->>A: candidates\n    A-->>C: ranked results\n```",
        ))
        parts.append(diagram)
        if rng.random() < 0.7:
            parts.append(self.image("architecture", "Architecture diagram"))
        if rng.random() < 0.5:
            parts.append(
                "### Components\n\n"
                + "\n".join(
                    f"- **{name}**: {self.sentence('architecture')}."
                    for name in rng.sample(
                        ("Query API", "Shard router", "Segment builder", "Ingestion workers",
                         "Re-ranker", "Feature registry", "Metadata store", "Cache tier"),
                        rng.randint(3, 5),
                    )
                )
            )
        parts.append(self.para("architecture"))
        return parts

    def implementation(self) -> list[str]:
        rng = self.rng
        parts = ["### Key Design Decisions\n\n" + "\n".join(
            f"- **{lead}**: {self.sentence('implementation')}."
            for lead in rng.sample(
                ("Two tiers rather than one", "Immutable segments", "Per-tenant quotas",
                 "Log-first writes", "Quantised vectors", "Read replicas per region",
                 "Idempotent backfills", "Async re-ranking"),
                rng.randint(2, 4),
            )
        )]
        batch = rng.choice((64, 128, 256, 512))
        timeout = rng.choice((50, 100, 250, 500))
        parts.append(rng.choice((
            "```python\n# Fictional example: batch writes to the index, shard by shard\n"
            f"BATCH_SIZE = {batch}\n\n\ndef flush(batch, index, *, timeout_ms={timeout}):\n"
            "    for shard, rows in batch.by_shard():\n"
            "        # retries are idempotent: rows carry their own version\n"
            "        index.write(shard, rows, timeout_ms=timeout_ms)\n"
            "## not a heading, a comment inside a fence\n```",
            "```python\nasync def search(query: Query, k: int = 10) -> list[Hit]:\n"
            "    vector = await encoder.encode(query.text)\n"
            f"    candidates = await index.search(vector, top_k=k * {rng.choice((4, 8, 10))})\n"
            "    return reranker.rank(query, candidates)[:k]\n```",
            "```python\nclass FeatureView:\n"
            '    """Latest value per entity, served online."""\n\n'
            f"    ttl_seconds = {rng.choice((300, 600, 3600))}\n\n"
            "    def key(self, entity_id: str) -> str:\n"
            "        return f\"{self.name}:{entity_id}\"\n```",
        )))
        parts.extend(self.paras("implementation", 1, 2))
        if rng.random() < 0.7:
            parts.append(
                "### Configuration\n\n```yaml\nindex:\n  type: hnsw\n"
                f"  m: {rng.choice((16, 32, 48))}\n  ef_construction: 200\n"
                f"  ef_search: {rng.choice((64, 128, 256))}\nstorage:\n"
                f"  tier: {rng.choice(('nvme', 'memory', 'object-store'))}\n"
                f"  replication_factor: {rng.choice((2, 3))}\nserving:\n"
                f"  max_batch_size: {batch}\n  timeout_ms: {timeout}\n```"
            )
        if rng.random() < 0.5:
            parts.append(
                "### Data Model\n\n" + self.para("implementation") + "\n\n```sql\n"
                "CREATE TABLE embeddings (\n    id          BIGINT PRIMARY KEY,\n"
                "    tenant_id   INT NOT NULL,\n"
                f"    embedding   VECTOR({rng.choice((384, 768, 1024))}),\n"
                "    updated_at  TIMESTAMPTZ NOT NULL DEFAULT now()\n);\n"
                "CREATE INDEX ON embeddings USING hnsw (embedding vector_cosine_ops);\n```"
            )
        return parts

    def performance(
        self, stated: list[tuple[int, str, str]], latency: tuple[str, int] | None
    ) -> list[str]:
        rng = self.rng
        parts = [self.para("performance")]
        # after the change, on the grid, rising with the percentile; or, when the body states
        # a headline latency, that figure in its percentile's row and the others around it
        percentiles = ("p50", "p95", "p99", "p99.9")
        if latency is None:
            after = [rng.randrange(10, 60, 5)]
            for step in (3, 3, 2):
                after.append(after[-1] * step + rng.randrange(0, 30, 5))
        else:
            at, value = percentiles.index(latency[0]), latency[1]
            after = [
                value if i == at
                else max(1, value * (i + 1) // (at + 1)) if i < at
                else (value * 2 * (i - at) // 5 + 1) * 5
                for i in range(4)
            ]
        before = [(a * rng.choice((2, 3, 4)) + rng.randrange(5, 50, 5)) // 5 * 5 for a in after]
        rows = "\n".join(
            f"| {p} | {b} | {a} | -{_percent_on_grid(b - a, b)}% |"
            for p, b, a in zip(percentiles, before, after, strict=True)
        )
        parts.append(
            "### Latency\n\n| Percentile | Before (ms) | After (ms) | Change |\n"
            "|------------|-------------|------------|--------|\n" + rows
        )
        qps = rng.randrange(2000, 40000, 1000)
        parts.append(
            "### Throughput\n\n| Workload | Peak QPS | CPU at peak | Error rate |\n"
            "|----------|---------:|------------:|-----------:|\n"
            f"| Search | {qps:,} | {rng.randrange(40, 80, 5)}% | 0.0{rng.randint(1, 4)}% |\n"
            f"| Ingestion | {qps // 4:,} | {rng.randrange(20, 60, 5)}% "
            f"| 0.00{rng.randint(1, 9)}% |\n"
            f"| Backfill | {qps // 10:,} | {rng.randrange(10, 40, 5)}% | 0% |"
        )
        costs = [rng.randrange(10, 200, 10) for _ in range(3)]
        parts.append(
            "### Cost\n\n| Component | Monthly cost | Share |\n|---|---|---|\n"
            + "\n".join(
                f"| {name} | ${c},000 | {_percent_on_grid(c, sum(costs))}% |"
                for name, c in zip(("Compute", "Storage", "Network"), costs, strict=True)
            )
        )
        exact = [text for _, text, how in stated if how == "exact"]
        if exact and rng.random() < 0.6:
            parts.append(
                "| Headline metric | How it was measured |\n|---|---|\n"
                + "\n".join(f"| {m} | 30-day window, production traffic |" for m in exact)
            )
        if rng.random() < 0.4:
            parts.append(
                "Latency comes from this query over the request log:\n\n```sql\n"
                "SELECT date_trunc('hour', ts) AS hour,\n"
                "       percentile_cont(0.99) WITHIN GROUP (ORDER BY latency_ms) AS p99\n"
                "FROM request_log\nWHERE route = '/search'\nGROUP BY 1\nORDER BY 1;\n```"
            )
        return parts

    def challenges(self) -> list[str]:
        rng = self.rng
        parts = []
        for number in range(1, rng.randint(2, 4) + 1):
            lead = self.sentence("challenges")
            short = " ".join(lead.split()[:6]).rstrip(",;")
            parts.append(
                f"### Challenge {number}: {short}\n\n"
                f"- **Problem**: {lead}.\n"
                f"- **Root cause**: {self.sentence('challenges')}.\n"
                f"- **Solution**: {self.sentence('implementation')}.\n"
                f"- **Result**: {self.sentence('performance')}."
            )
        return parts

    def lessons(self) -> list[str]:
        rng = self.rng
        items = []
        for number in range(1, rng.randint(4, 7) + 1):
            sentence = self.sentence("lessons")
            lead = " ".join(sentence.split()[:3]).rstrip(",;")
            items.append(f"{number}. **{lead.capitalize()}**: {sentence}.")
        return [self.para("lessons"), "\n".join(items)]

    def recommendations(self) -> list[str]:
        rng = self.rng
        parts = []
        for heading in ("### For Teams Starting Out", "### For Teams at Scale"):
            bullets = "\n".join(
                f"- {self.sentence('recommendations')}."
                for _ in range(rng.randint(3, 5))
            )
            parts.append(f"{heading}\n\n{bullets}")
        parts.append(f"For a related design, see {self.neighbour_link()}.")
        return parts

    def roadmap(self) -> list[str]:
        parts = []
        for heading in (
            "### Short Term (next quarter)", "### Medium Term (6-12 months)", "### Long Term"
        ):
            bullets = "\n".join(
                f"- {self.sentence('roadmap')}." for _ in range(self.rng.randint(2, 4))
            )
            parts.append(f"{heading}\n\n{bullets}")
        return parts


def _percent_on_grid(part: int, whole: int) -> int:
    """A share in percent, to the nearest 5 (on the filler's grid)."""
    return round(20 * part / whole) * 5


def _stating(entry: Entry, rng: random.Random) -> list[tuple[int, str, str]]:
    """How the body states each headline metric: (position, text, "exact" | "prose"), absent
    ones left out. Two in five documents state them as written, two in five in other words,
    and one in five leaves one or more out of the body entirely."""
    roll = rng.random()
    metrics = list(enumerate(zip(entry.metrics, entry.others, strict=True)))
    if roll < 0.2:
        absent = set(rng.sample(range(3), rng.choice((1, 1, 1, 2, 2, 3))))
        return [
            (position, text, "exact") if rng.random() < 0.5
            else (position, rng.choice(others), "prose")
            for position, (text, others) in metrics
            if position not in absent
        ]
    if roll < 0.6:
        return [(position, text, "exact") for position, (text, _) in metrics]
    return [(position, rng.choice(others), "prose") for position, (_, others) in metrics]


def case_study(entry: Entry, entries: list[Entry], seed: int = 0) -> tuple[str, list[str]]:
    """The text of one case study, and the images (paths from the root) it links to."""
    writer = _Writer(entry, entries, seed)
    rng = writer.rng
    stated = _stating(entry, rng)
    # a latency the body states also shows in its table of percentiles
    latency: tuple[str, int] | None = None
    for position, _text, _how in stated:
        written = entry.metrics[position]
        if written.endswith(" latency"):
            value, percentile, _ = written.split()
            latency = (percentile, int(value.removesuffix("ms")))

    folder = entry.layout == "folder"
    # folders from the template mostly keep its section names; flat files name them freely
    style = rng.random()
    decorated = style < (0.3 if folder else 0.8)
    numbered = rng.random() < (0.1 if folder else 0.35)
    headings = []
    for position, names in enumerate(_HEADINGS):
        name = rng.choice(names) if decorated else names[0]
        headings.append(f"{position + 1}. {name}" if numbered else name)

    bodies = [
        writer.executive_summary(stated),
        writer.business_context(),
        writer.architecture(),
        writer.implementation(),
        writer.performance(stated, latency),
        writer.challenges(),
        writer.lessons(),
        writer.recommendations(),
        writer.roadmap(),
    ]
    extra: list[tuple[str, list[str]]] = []
    if rng.random() < 0.5:
        extra.append(("Conclusion", [writer.para("generic")]))
    if rng.random() < 0.2:
        extra.append((
            "Appendix: Capacity Planning",
            [writer.para("performance"), "```bash\n# fictional load test\nloadgen --qps 20000 "
             "--duration 30m --target https://search.internal.example/query\n```"],
        ))
    if rng.random() < 0.35:
        links = rng.sample(_EXTERNAL, 4)
        extra.append(("References", ["\n".join(f"- [{n.capitalize()}]({u})" for n, u in links)]))

    head = []
    if folder:
        metrics = "".join(f'  - "{m}"\n' for m in entry.metrics)
        status = rng.choice(("published",) * 8 + ("review", "draft"))
        created = f"20{rng.randint(24, 26)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        head.append(
            f'---\ntitle: "{entry.title}"\nnumber: {entry.number}\nslug: {entry.slug}\n'
            f'focus_area: "{entry.focus}"\nkey_metrics:\n{metrics}status: {status}\n'
            f"created: {created}\n---"
        )
    head.append(f"# {entry.title}")
    head.append(
        "> Fictional case study, generated for a benchmark: the system, the team and every "
        "figure are made up."
    )
    if not numbered and rng.random() < 0.1:  # "## 1. Executive Summary" alone
        headings[0] = "1. " + headings[0]
    sections = list(zip(headings, bodies, strict=True)) + extra
    if rng.random() < 0.25:
        head.append(
            "## Table of Contents\n\n"
            + "\n".join(f"- [{title}](#{_anchor(title)})" for title, _ in sections)
        )

    # grow to the document's size (8-16 KB): more paragraphs, spread over the nine sections
    size = sum(len(part) + 2 for part in head) + sum(
        len(title) + 5 + sum(len(part) + 2 for part in body) for title, body in sections
    )
    target = rng.randint(8500, 15200)
    while size < target:
        position = int(writer.random() * 9)
        paragraph = writer.para(_THEMES[position])
        if size + len(paragraph) + 2 > _MAX_SIZE:
            break
        body = bodies[position]
        body.insert(1 + int(writer.random() * len(body)), paragraph)
        size += len(paragraph) + 2

    lines = head
    for title, body in sections:
        lines.append(f"## {title}")
        lines.extend(body)
    text = "\n\n".join(lines)
    return (text + "\n" if folder else text), writer.images


_THEMES = (
    "generic", "business", "architecture", "implementation", "performance", "challenges",
    "lessons", "recommendations", "roadmap",
)
_MAX_SIZE = 16_000  # bytes: under 16 KB, whatever the target


def index_text(entries: list[Entry]) -> str:
    """The index README, in the shape of a real directory's."""
    rows = "\n".join(entry.index_row() for entry in entries)
    format_list = "\n".join(
        f"{number}. **{title}** - {purpose}"
        for number, (title, purpose) in enumerate(FORMAT_LIST, start=1)
    )
    return (
        "# AI/ML Case Studies\n\n"
        "Engineering case studies of production AI/ML database systems: what was built, how "
        "it performs and what the teams learned.\n\n"
        "**Every case study here is fictional**, generated for a benchmark by "
        "`benchmarks/corpus.py`: the systems, teams and figures are made up.\n\n"
        "## Available Case Studies\n\n"
        "| Case Study | Key Metrics | Focus Area |\n"
        "|------------|-------------|------------|\n"
        f"{rows}\n\n"
        "## Case Study Format\n\n"
        "Each case study includes:\n"
        f"{format_list}\n"
    )


# A valid 1x1 PNG: the documents' images exist, as a link checker expects.
_PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360f8cf00000301010018dd8db00000000049454e44ae426082"
)


class Corpus:
    """A generated directory: its root, its case-study files and their total size."""

    def __init__(self, root: Path, files: list[Path]) -> None:
        self.root = root
        self.files = files  # the case studies' markdown files, in index order
        self.index = root / "README.md"

    @classmethod
    def load(cls, root: Path) -> Corpus:
        """A generated directory as found on disk: its case studies in number order."""
        found = []
        for entry in os.scandir(root):
            number = entry.name.split("_", 1)[0]
            if number.isdigit():
                path = Path(entry.path)
                found.append((int(number), path / "README.md" if entry.is_dir() else path))
        return cls(root, [path for _, path in sorted(found)])

    @property
    def markdown_bytes(self) -> int:
        """Bytes of markdown the checker reads: every case study and the index."""
        return sum(path.stat().st_size for path in [self.index, *self.files])


def entries_for(count: int, seed: int = 0) -> list[Entry]:
    return [Entry(number, seed) for number in range(1, count + 1)]


def generate(root: Path, count: int, seed: int = 0) -> Corpus:
    """Write `count` case studies, their images and the index into `root` (created if need be,
    expected empty)."""
    root.mkdir(parents=True, exist_ok=True)
    entries = entries_for(count, seed)
    (root / "images").mkdir(exist_ok=True)
    files = []
    for entry in entries:
        text, images = case_study(entry, entries, seed)
        if entry.layout == "folder":
            (root / entry.name).mkdir()
        path = root / entry.path
        path.write_text(text, encoding="utf-8", newline="")
        for image in images:
            (root / image).write_bytes(_PNG)
        files.append(path)
    (root / "README.md").write_text(index_text(entries), encoding="utf-8", newline="")
    return Corpus(root, files)


def cached_root(cache: Path, count: int, seed: int = 0) -> Path:
    """Where `cached` keeps the corpus of `count` case studies: named after the count, the
    seed and the generator version."""
    return cache / f"corpus-{count}-seed{seed}-v{GENERATOR_VERSION}"


def cached(cache: Path, count: int, seed: int = 0) -> Corpus:
    """The corpus of `count` case studies under `cache`, generated on first use only (marked
    complete last, so an interrupted one is generated again)."""
    root = cached_root(cache, count, seed)
    if (root / ".complete").exists():
        return Corpus.load(root)
    shutil.rmtree(root, ignore_errors=True)  # a half-written one from an interrupted run
    corpus = generate(root, count, seed)
    (root / ".complete").write_text("", encoding="utf-8")
    return corpus


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("directory", type=Path, help="an empty or new directory")
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--cache",
        action="store_true",
        help="treat DIRECTORY as a cache: write the corpus into a subdirectory named after "
        "the count, seed and generator version, or reuse it if it is complete",
    )
    options = parser.parse_args()
    start = time.perf_counter()
    if options.cache:
        corpus = cached(options.directory, options.count, options.seed)
    elif options.directory.exists() and any(options.directory.iterdir()):
        raise SystemExit(f"{options.directory} is not empty")
    else:
        corpus = generate(options.directory, options.count, options.seed)
    elapsed = time.perf_counter() - start
    sizes = sorted(path.stat().st_size for path in corpus.files)
    flat = sum(1 for path in corpus.files if path.name != "README.md")
    print(
        f"{len(corpus.files)} case studies ({flat} flat, {len(corpus.files) - flat} folders) "
        f"in {corpus.root}, {elapsed:.2f} s; sizes {sizes[0]:,}-{sizes[-1]:,} bytes, median "
        f"{sizes[len(sizes) // 2]:,}; {corpus.markdown_bytes:,} bytes of markdown"
    )


if __name__ == "__main__":
    main()
