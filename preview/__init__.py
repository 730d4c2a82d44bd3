"""The editors' live preview: `./run preview` (see preview/server.py)."""
