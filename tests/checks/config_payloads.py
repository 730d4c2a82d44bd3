"""Issue 30's faults, planted in project copies by family: mkdocs.yml (refused before MkDocs
reads it), page sources and clinic.yml (refused by preflight before anything renders), and
built pages and docs/ files (refused by the engine; dropped files never published)."""

from __future__ import annotations

import base64
import os
import shutil
import subprocess

from devtools.site import ROOT
from tests.conftest import ProjectCopy, page

MARKER = "/tmp/sitecheck-issue30-config-ran"

# mkdocs.yml: (old, new, the text of the line the finding must name)
CONFIG_FAULTS = {
    "hooks": ("hooks:\n", "hooks:\n  - docs/snippets/evil.py\n", "docs/snippets/evil.py"),
    "macros": ("module_name: macros", "module_name: docs.snippets.evil", "module_name:"),
    "tag": (
        "copyright: Example Hair Clinic",
        f"copyright: !!python/object/apply:os.system ['touch {MARKER}']",
        "copyright:",
    ),
    "snippets": (
        "      check_paths: true\n",
        "      check_paths: true\n      url_download: true\n",
        "url_download",
    ),
    "script": (
        "  - assets/javascripts/theme.js\n",
        "  - assets/javascripts/theme.js\n  - https://tracker.example/t.js\n",
        "tracker.example/t.js",
    ),
    "custom_dir": ("custom_dir: overrides", "custom_dir: docs/theme", "custom_dir:"),
    "site_url": (
        "site_url: https://patients.hair-clinic.example/",
        "site_url: https://evil.example/",
        "site_url:",
    ),
    "extra": (
        "  generator: false\n",
        "  generator: false\n  analytics:\n    provider: google\n",
        "analytics:",
    ),
}


def runnable(project: ProjectCopy) -> None:
    """The copy gets ./run and the real .venv, so `./run build` runs as an editor runs it."""
    shutil.copy2(ROOT / "run", project.path("run"))
    shutil.copy2(ROOT / "requirements.lock", project.path("requirements.lock"))
    project.path(".venv").symlink_to(ROOT / ".venv")


def run_build(project: ProjectCopy) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "SITECHECK_REPORT_ONLY")}
    env.pop("GITHUB_ACTIONS", None)
    env.pop("GITHUB_STEP_SUMMARY", None)
    return subprocess.run(
        ["./run", "build"], cwd=project.root, env=env, capture_output=True, text=True, check=False
    )


def plant_config(project: ProjectCopy) -> dict[str, int]:
    """Every mkdocs.yml fault at once; the line each lands on."""
    project.write("docs/snippets/evil.py", f"open('{MARKER}', 'w')\n")
    for old, new, _ in CONFIG_FAULTS.values():
        project.replace("mkdocs.yml", old, new)
    text = project.path("mkdocs.yml").read_text(encoding="utf-8").split("\n")
    return {
        name: next(n for n, line in enumerate(text, 1) if marker in line)
        for name, (_, _, marker) in CONFIG_FAULTS.items()
    }


# Page sources and clinic.yml, refused by preflight: (file, expected message part)
SOURCE_FAULTS = {
    "subtitle": (
        "docs/subtitle.md",
        "docs/subtitle.md:7: the front matter has the field 'subtitle'",
    ),
    "shadow": ("docs/shadow.md", "docs/shadow.md:7: the front matter has the field 'clinic'"),
    "pad": ("docs/pad.md", "docs/pad.md:11: a template in the page uses a format '%0300000000'"),
    "repeat": (
        "docs/repeat.md",
        "docs/repeat.md:11: a template in the page uses a '*' that multiplies",
    ),
    "loops": ("docs/loops.md", "docs/loops.md:11: a template in the page uses a loop inside 2"),
    "bidi": ("docs/bidi.md", "docs/bidi.md:11: column 14 has an invisible direction mark"),
    "outside": ("docs/outside.md", "docs/outside.md:11: the page includes '../../etc/passwd'"),
    "fanout": ("docs/fanout.md", "docs/fanout.md:11: the snippet 'bomb1.md' (--8<--) includes"),
    "nav": ("mkdocs.yml", "is an address, not one of the site's pages"),
    "fact": ("clinic.yml", "clinic.yml holds a YAML tag"),
}


def source_page(title: str, body: str, front: str = "") -> str:
    text = page(title, body)
    return text.replace(
        "reviewed_by: Clinic medical team\n", "reviewed_by: Clinic medical team\n" + front, 1
    )


def plant_sources(project: ProjectCopy) -> None:
    project.write(
        "docs/subtitle.md", source_page("Subtitle", "Text.", "subtitle: <svg onload=alert(1)>\n")
    )
    project.write(
        "docs/shadow.md",
        source_page(
            "Shadow", "Call {{ clinic.phone_link }}.", "clinic:\n  phone_link: '+19005550199'\n"
        ),
    )
    project.write("docs/pad.md", page("Pad", 'BOMBPAD{{ "%0300000000d"|format(1) }}'))
    project.write("docs/repeat.md", page("Repeat", "{{ clinic.name * 999999 }}"))
    project.write(
        "docs/loops.md",
        page(
            "Loops",
            "{% for a in clinic.address %}{% for b in clinic.address %}{% for c in clinic.address %}"
            "x{% endfor %}{% endfor %}{% endfor %}",
        ),
    )
    project.write("docs/bidi.md", page("Bidi", "The price is \u202e0561$ a session."))
    project.write("docs/outside.md", page("Outside", '--8<-- "../../etc/passwd"'))
    for i in range(1, 7):
        project.write(f"docs/snippets/bomb{i}.md", f'--8<-- "bomb{i + 1}.md"\n\n' * 10)
    project.write("docs/snippets/bomb7.md", "BOMB-LEAF text line.\n")
    project.write("docs/fanout.md", page("Fanout", '--8<-- "bomb1.md"'))
    project.add_to_menu(*(f"{n}.md" for n in SOURCE_FAULTS if n not in ("nav", "fact")))
    project.replace(
        "mkdocs.yml",
        "      - Privacy: privacy.md\n",
        '      - Privacy: privacy.md\n      - Special offer: "javascript:alert(document.domain)"\n',
    )
    project.replace(
        "clinic.yml", "  address: 12 Example Street, Springfield", "  address: !ENV [PATH, x]"
    )


# Built pages and docs/ files, refused by the engine: (file, expected message part)
PAGE_FAULTS = {
    "overlay": (
        "docs/overlay.md",
        "docs/overlay.md:12: the class 'md-dialog' is not one of the site's own",
    ),
    "anchor": (
        "docs/anchor.md",
        "docs/anchor.md:14: the id 'a-heading' takes the anchor of the heading 'A heading'",
    ),
    "premium": ("docs/premium.md", "docs/premium.md:11: the phone link 'tel:+19005550199'"),
    "bcc": ("docs/bcc.md", "docs/bcc.md:11: the e-mail link 'mailto:"),
    "relative": (
        "docs/relative.md",
        "docs/relative.md:11: the link '//evil.example/pay' is protocol-relative",
    ),
    "shown": ("docs/shown.md", "docs/shown.md:11: the link text shows the address 'www.fda.gov'"),
    "emoji": ("docs/emoji.md", 'docs/emoji.md:11: <img src="https://cdn.jsdelivr.net/'),
    "webpage": ("docs/evil.html", "'evil.html' is not a kind of file the site publishes"),
    "script": ("docs/evil.js", "'evil.js' is not a kind of file the site publishes"),
    "redirects": ("docs/_redirects", "'_redirects' is not a kind of file"),
    "svg": ("docs/images/evil.svg", "the SVG picture 'images/evil.svg' can run code"),
    "pdf": ("docs/leaflet.pdf", "the PDF 'leaflet.pdf' holds an action or script"),
}
SCRIPTED_SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>'
    "document.documentElement.dataset.pwned=1</script><rect width='10' height='10'/></svg>"
)
PLAIN_SVG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="10" height="10" fill="#0a7"/></svg>\n'


def plant_pages(project: ProjectCopy) -> None:
    project.write(
        "docs/overlay.md",
        page("Overlay", "Your session has expired.\n{ .md-dialog .md-dialog--active }"),
    )
    project.write("docs/anchor.md", page("Anchor", "## A heading\n\nCall now.\n{ #a-heading }"))
    project.write("docs/premium.md", page("Premium", "Call [our line](tel:+19005550199)."))
    project.write(
        "docs/bcc.md",
        page(
            "Bcc",
            "[Write to us](mailto:{{ clinic.email }}?bcc=copy@evil.example&body=Card%20number).",
        ),
    )
    project.write("docs/relative.md", page("Relative", "[Pay your deposit](//evil.example/pay)."))
    project.write(
        "docs/shown.md", page("Shown", "Report at [www.fda.gov](https://evil.example/fda).")
    )
    project.write("docs/emoji.md", page("Emoji", "We are happy to help :smile:"))
    project.write("docs/evil.html", "<script>document.documentElement.dataset.pwned=1</script>")
    project.write("docs/evil.js", "document.documentElement.dataset.pwned=1")
    project.write("docs/_redirects", "/* https://evil.example/ 301\n")
    project.write("docs/images/evil.svg", SCRIPTED_SVG)
    project.write("docs/images/plain.svg", PLAIN_SVG)
    project.write("docs/pictures.md", page("Pictures", "![A plain picture](images/plain.svg)"))
    project.path("docs/leaflet.pdf").write_bytes(
        b"%PDF-1.4\n1 0 obj << /OpenAction << /S /JavaScript /JS (app.alert(1)) >> >> endobj\n"
    )
    project.add_to_menu(
        *(f"{n}.md" for n in PAGE_FAULTS if project.path(f"docs/{n}.md").exists()), "pictures.md"
    )


PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
)
