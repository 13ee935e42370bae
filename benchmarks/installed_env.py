"""The environment benchmark subprocesses run in: as for an installed tool.

This workplace sets PYTHONDONTWRITEBYTECODE, which would make every run compile this
checkout's package from source while site-packages (cookiecutter, mdformat) stays cached.
Bytecode goes to a temporary prefix instead, filled by each benchmark's dropped first round.
"""

from __future__ import annotations

import os
from pathlib import Path


def installed_env(work: Path) -> dict[str, str]:
    home = work / "home"
    home.mkdir(exist_ok=True)  # cookiecutter's replay files land here, not in the real ~
    env = {**os.environ, "HOME": str(home), "PYTHONPYCACHEPREFIX": str(work / "pyc")}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env
