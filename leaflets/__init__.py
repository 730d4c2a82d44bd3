"""Printable PDF leaflets of the built site: one per patient page, plus the consultation pack.

Made by `./run leaflets` and `./run deploy` right after the build, from the built pages and the
site's own print stylesheet, so a leaflet is never older than its page. Preview and
`./run build` make none: they stay fast, and the pages offer "Print this page" instead.

- `settings.py`  the paper size and the pack's pages (mkdocs.yml `extra.leaflets`)
- `markers.py`   finds each page's leaflet markers and turns them into links with the PDF's size
- `render.py`    prints the pages to tagged PDFs with Debian's Chromium through Playwright
- `assemble.js`  runs in the page before printing: the cited sources, the pack's pages
"""
