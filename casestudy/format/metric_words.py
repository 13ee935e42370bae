"""The words the metric parser knows, as data: units and their conversions, the things
engineers count, the measures they name, and the words that bound or sign a figure.

Plain tables, one concern each; the `metrics` package holds the rules that read them. To teach the
parser a new spelling, add it here (and a phrase for it under tests/data/metrics/).
"""

from __future__ import annotations

# --- scales -------------------------------------------------------------------------------

SCALE_LETTERS = {"k": 10**3, "m": 10**6, "mm": 10**6, "mn": 10**6, "b": 10**9, "bn": 10**9,
                 "t": 10**12, "tn": 10**12}
SCALE_WORDS = {"thousand": 10**3, "million": 10**6, "millions": 10**6, "billion": 10**9,
               "trillion": 10**12, "lakh": 10**5}

# --- units: spelling -> (canonical unit, dimension, size in the dimension's base) ----------
# Units of one dimension convert into each other ("2 weeks" == "14 days", "1.5 TB" ==
# "1,500 GB"); a dimension of None means the unit only equals itself.

_TIME = {
    "ns": ("ns", 1e-9, ("nanosecond", "nanoseconds", "nsec")),
    "us": ("us", 1e-6, ("µs", "μs", "microsecond", "microseconds", "usec")),
    "ms": ("ms", 1e-3, ("msec", "msecs", "millisecond", "milliseconds", "millis")),
    "s": ("s", 1.0, ("sec", "secs", "second", "seconds")),
    "min": ("min", 60.0, ("mins", "minute", "minutes")),
    "h": ("h", 3600.0, ("hr", "hrs", "hour", "hours")),
    "day": ("day", 86400.0, ("d", "days")),
    "week": ("week", 604800.0, ("wk", "wks", "weeks")),
}
# Months and years hold no fixed number of days, but a year is twelve months.
_CALENDAR = {
    "month": ("month", 1.0, ("mo", "mos", "months")),
    "quarter": ("quarter", 3.0, ("quarters",)),
    "year": ("year", 12.0, ("yr", "yrs", "years")),
}
_BYTES = {
    "B": ("B", 1.0, ("byte", "bytes")),
    "KB": ("KB", 1e3, ("kilobyte", "kilobytes")),
    "MB": ("MB", 1e6, ("megabyte", "megabytes")),
    "GB": ("GB", 1e9, ("gigabyte", "gigabytes")),
    "TB": ("TB", 1e12, ("terabyte", "terabytes")),
    "PB": ("PB", 1e15, ("petabyte", "petabytes")),
    "EB": ("EB", 1e18, ("exabyte", "exabytes")),
}
_BITS = {
    "bit": ("bit", 1.0, ("bits",)),
    "kilobit": ("Kb", 1e3, ("kilobits",)),
    "megabit": ("Mb", 1e6, ("megabits",)),
    "gigabit": ("Gb", 1e9, ("gigabits",)),
    "terabit": ("Tb", 1e12, ("terabits",)),
}
_LENGTH = {
    "mm": ("mm", 1e-3, ("millimetre", "millimetres", "millimeter", "millimeters")),
    "cm": ("cm", 1e-2, ("centimetre", "centimetres", "centimeter", "centimeters")),
    "m": ("m", 1.0, ("metre", "metres", "meter", "meters")),
    "km": ("km", 1e3, ("kilometre", "kilometres", "kilometer", "kilometers")),
}
_OTHER = {
    "%": ("%", None, ("percent", "per cent", "pct")),
    "pp": ("pp", None, ("percentage point", "percentage points", "points")),
    "x": ("x", None, ("\u00d7", "times", "fold")),
    "$": ("$", None, ("usd", "dollar", "dollars", "us$")),
    "€": ("€", None, ("eur", "euro", "euros")),
    "£": ("£", None, ("gbp", "pound", "pounds")),
}

UNITS: dict[str, tuple[str, str | None, float]] = {}
for _dimension, _table in (
    ("time", _TIME), ("calendar", _CALENDAR), ("bytes", _BYTES), ("bits", _BITS),
    ("length", _LENGTH), (None, _OTHER),
):
    for _canonical, (_name, _size, _aliases) in _table.items():
        for _spelling in (_canonical, *_aliases):
            UNITS[_spelling.lower()] = (_name, _dimension, 1.0 if _size is None else _size)
# Spelled in capitals these are units; in lower case they may be words ("b" is a scale).
CASE_SENSITIVE_UNITS = {
    "B": ("B", "bytes", 1.0), "PB": ("PB", "bytes", 1e15),
    "Kb": ("Kb", "bits", 1e3), "Mb": ("Mb", "bits", 1e6), "Gb": ("Gb", "bits", 1e9),
    "Tb": ("Tb", "bits", 1e12),
}
del UNITS["b"], UNITS["d"], UNITS["m"], UNITS["mm"]  # scale letters, or need context
GLUED_ONLY_UNITS = {"d": ("day", "time", 86400.0), "mm": ("mm", "length", 1e-3)}
CURRENCY_SYMBOLS = {"$": "$", "€": "€", "£": "£"}
CURRENCY_CODES = {"usd": "$", "us$": "$", "eur": "€", "gbp": "£"}
DIMENSION_UNITS = {
    dimension: [(name, size) for name, dim, size in set(UNITS.values()) if dim == dimension]
    for dimension in ("time", "calendar", "bytes", "bits", "length")
}
DIMENSION_UNITS["time"] = sorted(DIMENSION_UNITS["time"], key=lambda pair: pair[1])
# Units a percentile or average qualifies (latency, payload sizes).
DISTRIBUTION_DIMENSIONS = frozenset(("time", "bytes"))

# --- rates written as one word: spelling -> (counted thing, per-unit) ----------------------

RATE_WORDS = {
    "qps": ("query", "s"), "rps": ("request", "s"), "tps": ("transaction", "s"),
    "iops": ("io", "s"), "qpm": ("query", "min"), "rpm": ("request", "min"),
    "bps": ("bit", "s"), "kbps": ("Kb", "s"), "mbps": ("Mb", "s"), "gbps": ("Gb", "s"),
    "tbps": ("Tb", "s"),
}
# "daily", "a month", "per annum": the per-unit a word or phrase names on its own.
PER_ADVERBS = {
    "hourly": "h", "daily": "day", "nightly": "day", "weekly": "week", "monthly": "month",
    "quarterly": "quarter", "yearly": "year", "annually": "year", "annual": "year",
}
# Article-led rates: "a month", "each day", "every second".
PER_ARTICLES = frozenset(("a", "an", "each", "every"))
# "5M daily active users" counts users: "daily" qualifies them, it is no rate.
NOT_A_RATE_AFTER = frozenset(("active", "unique"))

# --- things counted: spelling -> canonical (singular) -------------------------------------

_COUNTED = {
    "user": ("users", "DAU", "MAU"),
    "customer": ("customers",),
    "request": ("requests", "req", "reqs"),
    "query": ("queries",),
    "search": ("searches",),
    "vector": ("vectors", "vec", "vecs"),
    "embedding": ("embeddings",),
    "document": ("documents", "doc", "docs"),
    "record": ("records",),
    "row": ("rows",),
    "event": ("events",),
    "message": ("messages", "msgs"),
    "transaction": ("transactions", "txn", "txns"),
    "prediction": ("predictions",),
    "inference": ("inferences",),
    "token": ("tokens",),
    "parameter": ("parameters", "params"),
    "image": ("images",),
    "video": ("videos",),
    "item": ("items",),
    "product": ("products",),
    "listing": ("listings",),
    "call": ("calls",),
    "write": ("writes",),
    "read": ("reads",),
    "operation": ("operations", "ops"),
    "job": ("jobs",),
    "task": ("tasks",),
    "file": ("files",),
    "object": ("objects",),
    "key": ("keys",),
    "page": ("pages",),
    "session": ("sessions",),
    "device": ("devices",),
    "click": ("clicks",),
    "impression": ("impressions",),
    "order": ("orders",),
    "payment": ("payments",),
    "feature": ("features",),
    "model": ("models",),
    "node": ("nodes",),
    "server": ("servers",),
    "machine": ("machines",),
    "instance": ("instances",),
    "pod": ("pods",),
    "container": ("containers",),
    "GPU": ("gpus",),
    "CPU": ("cpus",),
    "core": ("cores",),
    "shard": ("shards",),
    "partition": ("partitions",),
    "replica": ("replicas",),
    "table": ("tables",),
    "tenant": ("tenants",),
    "merchant": ("merchants",),
    "account": ("accounts",),
    "log": ("logs", "log lines"),
    "alert": ("alerts",),
    "incident": ("incidents",),
    "engineer": ("engineers",),
    "team": ("teams",),
    "service": ("services", "microservices", "microservice"),
    "cluster": ("clusters",),
    "region": ("regions",),
    "country": ("countries",),
    "language": ("languages",),
    "connection": ("connections",),
    "subscriber": ("subscribers",),
    "visitor": ("visitors",),
    "view": ("views", "pageviews"),
    "download": ("downloads",),
    "chunk": ("chunks",),
    "passage": ("passages",),
    "entity": ("entities",),
    "edge": ("edges",),
    "sample": ("samples",),
    "label": ("labels",),
    "trip": ("trips",),
    "ride": ("rides",),
    "update": ("updates",),
    "insert": ("inserts",),
    "lookup": ("lookups",),
    "deployment": ("deployments", "deploys", "deploy"),
    "build": ("builds",),
    "point": ("data points",),
    "signal": ("signals",),
    "store": ("stores",),
    "data center": ("data centers", "datacenter", "datacenters", "data centre",
                    "data centres"),
    "dimension": ("dimensions", "dim", "dims", "dimensional"),
    "warehouse": ("warehouses",),
}
COUNTED: dict[str, str] = {}
for _canonical, _spellings in _COUNTED.items():
    for _spelling in (_canonical, *_spellings):
        COUNTED[_spelling.lower()] = _canonical.lower()

# --- measures: what a percentage, a duration or a sum of money is of ----------------------
# Two figures naming different measures are different figures ("99.999% availability" is
# not "99.999% consistency"); a figure that names none agrees with any.

_MEASURES = {
    "availability": ("availability", "uptime", "available", "sla"),
    "consistency": ("consistency", "consistent"),
    "durability": ("durability",),
    "accuracy": ("accuracy", "accurate"),
    "precision": ("precision",),
    "recall": ("recall",),
    "f1": ("f1", "f1 score", "f1-score"),
    "latency": ("latency", "latencies", "response time", "response times", "round trip",
                "round-trip"),
    "throughput": ("throughput",),
    "error rate": ("error rate", "errors", "error", "failure rate", "failures"),
    "hit rate": ("hit rate", "hit ratio", "cache hit rate", "cache hits", "hits"),
    "miss rate": ("miss rate", "cache misses", "misses"),
    "cost": ("cost", "costs", "spend", "spending", "bill", "expense", "expenses",
             "price", "cheaper"),
    "savings": ("savings", "saving", "saved"),
    "revenue": ("revenue",),
    "utilization": ("utilization", "utilisation", "usage"),
    "coverage": ("coverage",),
    "conversion": ("conversion", "conversion rate", "conversions"),
    "click-through rate": ("ctr", "click-through rate", "click-through", "clickthrough"),
    "retention": ("retention",),
    "churn": ("churn",),
    "downtime": ("downtime", "outage", "outages"),
    "recovery time": ("mttr", "recovery time", "time to recovery", "time to recover"),
    "detection time": ("mttd", "time to detect", "detection time"),
    "freshness": ("freshness", "staleness", "lag", "replication lag", "delay"),
    "memory": ("memory", "ram"),
    "storage": ("storage", "disk"),
    "compression": ("compression", "compression ratio"),
    "false positives": ("false positives", "false positive rate", "false-positive rate",
                        "fpr"),
    "false negatives": ("false negatives", "false negative rate", "fnr"),
    "relevance": ("relevance",),
    "ndcg": ("ndcg",),
    "mrr": ("mrr", "mean reciprocal rank"),
    "auc": ("auc", "roc auc", "auc-roc", "auroc"),
    "map": ("map", "mean average precision"),
    "bleu": ("bleu",),
    "perplexity": ("perplexity",),
    "hallucination rate": ("hallucination", "hallucinations", "hallucination rate"),
    "build time": ("build time", "build times"),
    "speed": ("faster", "speedup", "speed-up", "quicker"),
    "throughput gain": ("more throughput", "throughput improvement"),
}
MEASURES: dict[str, str] = {}
for _canonical, _spellings in _MEASURES.items():
    for _spelling in _spellings:
        MEASURES[_spelling] = _canonical
MEASURE_MAX_WORDS = max(len(spelling.split()) for spelling in MEASURES)

# --- statistics a figure can be: p99, 99th percentile, median, average ---------------------

STATISTIC_WORDS = {"median": "p50", "average": "mean", "avg": "mean", "mean": "mean"}

# --- bounds and signs ---------------------------------------------------------------------
# "sub-100ms", "under 100ms" and "< 100ms" agree with each other, not with "100ms".

UPPER_BOUND_WORDS = ("sub", "under", "below", "less than", "fewer than", "up to", "at most",
                     "within", "no more than", "lower than", "max", "maximum")
LOWER_BOUND_WORDS = ("over", "above", "more than", "at least", "greater than", "exceeding",
                     "upwards of", "in excess of", "min", "minimum", "north of")
# "~2ms", "about 2 ms" are 2 ms.
APPROXIMATE_WORDS = ("about", "around", "approximately", "approx", "roughly", "nearly",
                     "almost", "circa", "some", "ca")
BOUND_SYMBOLS = {"<": "<", "≤": "<", "<=": "<", ">": ">", "≥": ">", ">=": ">"}

# A change in a percentage: "-40%", "reduced by 40%", "40% lower", "down 40%".
DECREASE_WORDS = frozenset((
    "lower", "less", "fewer", "smaller", "cheaper", "reduced", "reduce", "reduces",
    "reduction", "reductions", "decrease", "decreased", "decreases", "decline", "declined",
    "drop", "dropped", "drops", "fell", "fall", "cut", "cuts", "down", "lowered", "shrank",
    "shrunk", "decreasing", "reducing", "dropping", "cutting", "slashed", "trimmed",
))
INCREASE_WORDS = frozenset((
    "higher", "more", "greater", "larger", "increase", "increased", "increases", "rise",
    "rose", "grew", "grow", "growth", "up", "gain", "gained", "boost", "boosted",
    "increasing", "raised", "jump", "jumped",
))

# Length context for a lower-case "m" ("50m range"): metres; otherwise minutes, unless a
# counted thing follows ("1m users"), when it is a million.
LENGTH_CONTEXT = frozenset((
    "range", "radius", "distance", "away", "altitude", "depth", "deep", "high", "tall",
    "wide", "long", "resolution", "accuracy", "cable", "apart", "elevation", "span",
))

# "for 10m pages the on-call", "every 5m": after these, a lower-case "m" is minutes even
# when a word that could be counted follows.
TIME_CONTEXT = frozenset(("for", "every", "after", "within", "last", "each", "per"))

# Words after a number that are never its unit ("120 to 87ms", "87 in production").
NOT_UNITS = frozenset((
    "a", "an", "and", "are", "as", "at", "but", "by", "for", "from", "in", "into", "is",
    "of", "on", "or", "over", "per", "than", "the", "to", "under", "versus", "vs", "was",
    "were", "while", "with", "within", "across", "after", "before", "we", "it", "this",
    "that", "which", "our", "their", "its", "if", "when", "so", "then", "were", "be", "been",
    "has", "had", "have", "can", "will", "would", "all", "each", "every", "p", "th", "st",
    "nd", "rd", "percentile", "between", "through", "via", "during", "since", "until",
))
