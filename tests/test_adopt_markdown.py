"""What adoption reads and edits in markdown: link targets rewritten (`format.relink`), what
an older index's list item says, and section headings renamed."""

from __future__ import annotations

import pytest

from casestudy.format.relink import relink
from casestudy.kit.adopt_front import item_details


def _deeper(href: str) -> str:
    return "../" + href


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("See [a](02_a.md).\n", "See [a](../02_a.md).\n", id="inline-link"),
        pytest.param("![d](d.png)", "![d](../d.png)", id="image-no-final-newline"),
        pytest.param("[a](<my a.md>)\r\n", "[a](<../my a.md>)\r\n", id="angle-brackets-crlf"),
        pytest.param("[a](02_a.md#perf)\n", "[a](../02_a.md#perf)\n", id="fragment"),
        pytest.param("[u](https://x.org/a.md) [m](mailto:a@b.c) [h](#top) [r](/abs.md)\n",
                     "[u](https://x.org/a.md) [m](mailto:a@b.c) [h](#top) [r](/abs.md)\n",
                     id="urls-anchors-absolute-untouched"),
        pytest.param("```\n[a](02_a.md)\n```\n", "```\n[a](02_a.md)\n```\n", id="fenced-code"),
        pytest.param("    [a](02_a.md)\n", "    [a](02_a.md)\n", id="indented-code"),
        pytest.param("Use `[a](02_a.md)` to link.\n", "Use `[a](02_a.md)` to link.\n",
                     id="code-span"),
        pytest.param("[ref]\n\n[ref]: 02_a.md\n", "[ref]\n\n[ref]: ../02_a.md\n",
                     id="reference-definition"),
        pytest.param("| x |\n|---|\n| [a](02_a.md) |\n", "| x |\n|---|\n| [a](../02_a.md) |\n",
                     id="table-cell"),
    ],
)
def test_relink_rewrites_real_links_and_nothing_else(text: str, expected: str) -> None:
    assert relink(text, _deeper) == expected


def test_relink_leaves_a_target_the_rewrite_declines() -> None:
    text = "[a](02_a.md) and [b](03_b.md)\n"
    assert relink(text, lambda href: "x.md" if href == "03_b.md" else None) == (
        "[a](02_a.md) and [b](x.md)\n"
    )


@pytest.mark.parametrize(
    ("item", "metrics", "focus"),
    [
        pytest.param("[RAG](01_rag.md) - 8.4B queries/month, 142ms p50 latency - RAG systems",
                     ("8.4B queries/month", "142ms p50 latency"), "RAG systems",
                     id="dashes"),
        pytest.param("**[RAG](01_rag.md)** \u2014 Production RAG systems", (),
                     "Production RAG systems", id="bold-em-dash-area-only"),
        pytest.param("[RAG](./01_rag.md): 2.1B vectors", ("2.1B vectors",), "",
                     id="colon-metrics-only"),
        pytest.param("[RAG](01_rag/README.md)", (), "", id="link-only"),
    ],
)
def test_a_list_item_gives_the_metrics_and_focus_area_it_states(
    item: str, metrics: tuple[str, ...], focus: str
) -> None:
    assert item_details(item) == (metrics, focus)


@pytest.mark.parametrize(
    ("heading", "renamed"),
    [
        pytest.param("## Business Context and Requirements", "## Business Context", id="long-name"),
        pytest.param("## 6. Challenges & Solutions", "## Challenges & Solutions", id="numbered"),
        pytest.param("## **Lessons Learned**", "## Lessons Learned", id="bold"),
        pytest.param("## Key Takeaways", "## Key Takeaways", id="synonym-kept"),
        pytest.param("## Conclusion", "## Conclusion", id="extra-kept"),
        pytest.param("### Performance Metrics and Benchmarks",
                     "### Performance Metrics and Benchmarks", id="h3-kept"),
        pytest.param("## Executive Summary", "## Executive Summary", id="canonical-kept"),
    ],
)
def test_rename_sections_renames_firm_names_of_the_nine_only(heading: str, renamed: str) -> None:
    from casestudy.kit.adopt_front import rename_sections

    body = f"# Title\r\n\r\n{heading}\r\n\r\nText.\r\n"

    after, _ = rename_sections(body)

    assert after == body.replace(heading, renamed)
