"""Editorial checks for clinic editors: one module per job, shared by the build hook and the tests.

The build hook (`overrides/hooks/editorial_checks.py`) runs them on every page under
`mkdocs serve` and `mkdocs build`; the test suite imports the same functions and runs them over
`docs/` on its own, because Zensical ignores MkDocs hooks. Modules here import only the standard
library and PyYAML (never MkDocs), so both callers can use them.
"""
