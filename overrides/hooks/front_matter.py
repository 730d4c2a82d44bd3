"""Stop the build when a page's front matter cannot be read (invalid YAML, unclosed, no date).

MkDocs silently ignores front matter it cannot parse and then shows the raw `---` block to
patients. Editors need the file, the line and the fix instead. The field checks (dates, lengths)
are warnings from editorial_checks.py; this hook only refuses what cannot be published at all.
"""

from __future__ import annotations

from editorial.front_matter import FrontMatterError, read
from mkdocs.exceptions import PluginError


def on_page_markdown(markdown, page, config, files):
    try:
        read(page.file.content_string, f"docs/{page.file.src_uri}")
    except FrontMatterError as err:
        raise PluginError(str(err.finding)) from None
    return markdown
