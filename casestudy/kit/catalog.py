"""A directory's case studies as records (JSON or CSV), with every headline metric parsed, so a
directory can be searched, sorted ("lowest p99 latency") and published elsewhere.

Case studies with front matter describe themselves; an older one without front matter is
described by its row in the index table (as `load_case_studies` reads it), so it is not
missing from the catalog.
"""

from __future__ import annotations

import csv
import io
import json
import math
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from casestudy.directory.records import CaseStudyRecord, load_case_studies
from casestudy.errors import CaseStudyError
from casestudy.format.controls import escape_controls, escape_lines, json_escape
from casestudy.format.metrics import MetricError, parse_metric

CATALOG_VERSION = 1
METRIC_FIELDS = ("value", "unit", "per", "percentile", "label")
STUDY_FIELDS = ("number", "title", "slug", "focus_area", "status", "created", "link", "source")


def metric_record(text: str) -> dict[str, Any]:
    """The metric as written plus its parsed parts (all None when it holds no figure)."""
    try:
        metric = parse_metric(text)
    except MetricError:
        return {"text": text, **dict.fromkeys(METRIC_FIELDS)}
    return {
        "text": text,
        # JSON has no NaN or infinity: such a value would make the whole catalog unreadable.
        "value": metric.value if math.isfinite(metric.value) else None,
        "unit": metric.unit,
        "per": metric.per,
        "percentile": metric.percentile,
        "label": metric.label,
    }


def study_record(study: CaseStudyRecord) -> dict[str, Any]:
    return {
        "number": study.number,
        "title": study.title,
        "slug": study.slug,
        "focus_area": study.focus_area,
        "status": study.status,
        "created": study.created,
        "link": study.link,
        "source": study.metadata_source,
        "metrics": [metric_record(metric) for metric in study.metrics],
    }


def build_catalog(root: Path) -> list[dict[str, Any]]:
    if not root.is_dir():
        raise CaseStudyError(f"{root} is not a directory. Name a case-study directory.")
    return [study_record(study) for study in load_case_studies(root)]


def to_json(records: Sequence[dict[str, Any]]) -> str:
    document = {"catalog_version": CATALOG_VERSION, "case_studies": list(records)}
    # json escapes C0 controls itself; DEL, C1 controls, bidirectional and other invisible
    # characters are written as \u escapes too, which read back as the same text.
    text = json.dumps(document, indent=2, ensure_ascii=False)
    return escape_lines(text, json_escape) + "\n"


# What a spreadsheet reads as the start of a formula (OWASP, "CSV Injection").
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER_RE = re.compile(r"-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?")


def neutralise_cell(text: str) -> str:
    """A cell a spreadsheet shows as text: one starting like a formula gets a leading `'`
    (a plain negative number such as -12.5 is left alone: it is a value, not a formula),
    and control or invisible characters are shown as escapes."""
    if text.startswith(_FORMULA_STARTS) and not _PLAIN_NUMBER_RE.fullmatch(text):
        text = "'" + text
    return escape_controls(text)


def to_csv(records: Sequence[dict[str, Any]], *, raw: bool = False) -> str:
    """One line per case study; metric N's text and parts in columns metric_N, metric_N_value,
    and so on (at least three metrics' worth, so the columns are the same for every
    directory that keeps to the template's three). Every cell is neutralised for
    spreadsheets (`neutralise_cell`) unless `raw` asks for the text exactly as written."""
    width = max([3, *(len(record["metrics"]) for record in records)])
    header = list(STUDY_FIELDS)
    for position in range(1, width + 1):
        header.append(f"metric_{position}")
        header.extend(f"metric_{position}_{field}" for field in METRIC_FIELDS)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    for record in records:
        line = ["" if record[field] is None else str(record[field]) for field in STUDY_FIELDS]
        for position in range(width):
            metric = record["metrics"][position] if position < len(record["metrics"]) else {}
            for field in ("text", *METRIC_FIELDS):
                value = metric.get(field)
                line.append("" if value is None else str(value))
        writer.writerow(line if raw else [neutralise_cell(cell) for cell in line])
    return out.getvalue()
