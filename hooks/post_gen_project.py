"""Add the new case study's row to the directory's index (all logic: casestudy.template.hook)."""

import json
import sys

sys.path.insert(0, {{ casestudy_import_root() | tojson }})
from casestudy.template.hook import post_gen_project  # noqa: E402

sys.exit(post_gen_project(json.loads({{ casestudy_index_plan(cookiecutter) | tojson | tojson }})))
