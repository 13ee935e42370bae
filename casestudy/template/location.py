"""Where the cookiecutter template is, whichever way the package was installed.

In a checkout (or an editable install) the template is the repository root, the directory
above the package that holds `cookiecutter.json`, so plain `cookiecutter <repo>` keeps working.
An installed wheel carries a copy inside the package, at `casestudy/template/bundled/`.
"""

from __future__ import annotations

from pathlib import Path

from casestudy.errors import CaseStudyError

TEMPLATE_MARKER = "cookiecutter.json"
BUNDLED_NAME = "bundled"


def template_dir() -> Path:
    """The directory to hand to cookiecutter: the bundled copy, else the checkout's root."""
    here = Path(__file__).resolve().parent
    checkout = here.parents[1]
    for candidate in (here / BUNDLED_NAME, checkout):
        if (candidate / TEMPLATE_MARKER).is_file():
            return candidate
    raise CaseStudyError(
        f"The case-study template is missing: neither {here / BUNDLED_NAME} nor "
        f"{checkout} holds {TEMPLATE_MARKER}. Reinstall the package "
        "(pip install casestudy-kit, or pip install -e . from a checkout)."
    )
