"""Print README.md's first or second ```sh block: CI runs exactly what the README tells users."""

import sys
from pathlib import Path

blocks = Path("README.md").read_text(encoding="utf-8").split("```sh\n")[1:]
which = {"generate": 0, "test": 1}[sys.argv[1]]
print(blocks[which].split("```", 1)[0].strip())
