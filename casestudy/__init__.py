"""Authoring scaffold for engineering case studies of production AI/ML database systems.

Kept import-free: the template's Jinja extension and hooks import submodules directly, and
every millisecond here is paid by each `cookiecutter` run.
"""

__version__ = "0.1.0"
