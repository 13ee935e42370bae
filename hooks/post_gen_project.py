"""Add the new case study's row to the directory's index (all logic: casestudy.hooks)."""

import json
import sys

sys.path.insert(0, {{ casestudy_import_root() | tojson }})
from casestudy.hooks import post_gen_project  # noqa: E402

sys.exit(post_gen_project(json.loads({{ casestudy_index_plan(cookiecutter) | tojson | tojson }})))
