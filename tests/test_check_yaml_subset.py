"""The front-matter fast path gives exactly what PyYAML gives, or steps aside."""

from __future__ import annotations

import datetime as dt

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from casestudy.format.yaml_subset import parse_simple

TEMPLATE_FRONT_MATTER = (
    'title: "Fraud Feature Store"\n'
    "number: 6\n"
    "slug: fraud_feature_store\n"
    'focus_area: "Feature stores"\n'
    "key_metrics:\n"
    '  - "2.1B vectors"\n'
    '  - "87ms p99 latency"\n'
    "status: draft\n"
    "created: 2026-11-26\n"
)


def test_the_template_shape_is_read_without_pyyaml() -> None:
    assert parse_simple(TEMPLATE_FRONT_MATTER) == {
        "title": "Fraud Feature Store",
        "number": 6,
        "slug": "fraud_feature_store",
        "focus_area": "Feature stores",
        "key_metrics": ["2.1B vectors", "87ms p99 latency"],
        "status": "draft",
        "created": dt.date(2026, 11, 26),
    }
    assert parse_simple(TEMPLATE_FRONT_MATTER) == yaml.safe_load(TEMPLATE_FRONT_MATTER)


@pytest.mark.parametrize(
    "text",
    [
        pytest.param('title: "a \\" quote"\n', id="escape"),
        pytest.param("status: draft # comment\n", id="comment"),
        pytest.param("key_metrics: [a, b]\n", id="flow-list"),
        pytest.param("flag: yes\n", id="yaml-1.1-bool"),
        pytest.param("owner: null\n", id="null"),
        pytest.param("number: 012\n", id="octal"),
        pytest.param("ratio: 0.5\n", id="float"),
        pytest.param("created: 2026-1-5\n", id="short-date"),
        pytest.param("created: 2026-13-45\n", id="impossible-date"),
        pytest.param("key_metrics:\n- a\n", id="unindented-list"),
        pytest.param("key_metrics:\n    - a\n", id="deeper-list"),
        pytest.param("title: a\n  continued\n", id="multi-line"),
        pytest.param("title: |\n  text\n", id="block-scalar"),
        pytest.param("title: x\ntitle: y\n", id="duplicate-key"),
        pytest.param("title: Zürich\n", id="non-ascii-plain"),
        pytest.param('title: "tab\there"\n', id="control-character"),
        pytest.param("yes: 1\n", id="bool-key"),
        pytest.param("&anchor title: x\n", id="anchor"),
    ],
)
def test_anything_else_is_left_to_pyyaml(text: str) -> None:
    assert parse_simple(text) is None


_words = st.sampled_from(
    ["draft", "review", "Feature stores", "yes", "No", "null", "~", "on", "a.b", "x-y",
     "_u", "1", "0", "012", "1.5", "1e3", "0x1F", "2026-11-26", "2026-02-30", "a: b",
     "a #b", "-a", "@x", "!t", "*r", "a  b", "", " ", "é", "Y", "true", "=", "<<"]
)
_quoted = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=12
).map(lambda text: '"' + text + '"')
_values = st.one_of(_words, _quoted)
_keys = st.sampled_from(["title", "number", "slug", "key_metrics", "status", "yes", "On", "k_1"])


@st.composite
def _documents(draw: st.DrawFn) -> str:
    lines = []
    for _ in range(draw(st.integers(0, 6))):
        key = draw(_keys)
        if draw(st.booleans()):
            lines.append(f"{key}: {draw(_values)}{draw(st.sampled_from(['', ' ', '  ']))}")
        else:
            lines.append(f"{key}:")
            lines.extend(f"  - {draw(_values)}" for _ in range(draw(st.integers(0, 3))))
    ending = draw(st.sampled_from(["\n", "\r\n"]))
    return "".join(line + ending for line in lines)


@settings(max_examples=400, deadline=None)
@given(_documents())
def test_whenever_the_fast_path_answers_pyyaml_agrees(text: str) -> None:
    fast = parse_simple(text)
    if fast is None:
        return
    assert fast == (yaml.safe_load(text) or {})


# The closing `---` is looked for from the newline before it (a faster search): it must
# split every document where a multi-line search for a line of `---` or `...` splits it.
_DELIMITER_PIECES = ("---", "...", "----", "--", ".", "\n", "\r\n", "\r", " ", "\t", "a: 1", "x")


@given(st.lists(st.sampled_from(_DELIMITER_PIECES), max_size=16))
def test_front_matter_ends_at_the_first_delimiter_line(pieces: list[str]) -> None:
    import re

    from casestudy.format.frontmatter import FrontMatterError, split_front_matter

    text = "---\na: 1\n" + "".join(pieces)  # a `key:` line first: front matter, not a break
    closing = re.compile(r"^(?:---|\.\.\.)[ \t]*(?:\r?\n|\r?\Z)", re.MULTILINE).search(text, 4)
    try:
        front = split_front_matter(text)
    except FrontMatterError as error:
        if closing is not None:  # closed, but its YAML is broken: the body still starts after
            assert error.body_start == closing.end()
        else:
            assert "never closed" in error.message
        return
    assert front is not None and closing is not None
    assert (front.source, front.body_start) == (text[4 : closing.start()], closing.end())


@given(st.lists(st.sampled_from(_DELIMITER_PIECES), max_size=16))
def test_a_dashed_line_followed_by_prose_is_never_front_matter(pieces: list[str]) -> None:
    from casestudy.format.frontmatter import split_front_matter

    assert split_front_matter("---\nFirst posted on a wiki.\n" + "".join(pieces)) is None
    assert split_front_matter("---\n\n# A heading\n" + "".join(pieces)) is None
