"""The cookiecutter template's side: validating answers, planning a case study, the Jinja
extension and the post-generation hook. Kept import-free: the hook imports a submodule."""
