"""Markdown or template syntax that, left in the built text, means it was not rendered.

Shared by the test suite (tests/checks/pages.py scans the built site) and the build hook
(editorial/leftovers.py reports the same mistakes against the Markdown line while editing).
"""

# An emoji code the emoji extension's index does not have stays as typed (known ones become
# pictures, so any left is unknown). A letter is needed and no letter or digit just before it:
# times (10:30, 10:30:15) and ratios (1:2:3) are not emoji codes. The same in text and source.
EMOJI_CODE = r"(?<![\w:/]):(?!(?:material|fontawesome|octicons|simple)-)[a-z0-9_+-]*[a-z][a-z0-9_+-]*:(?![\w/])"

# Markdown or template syntax that, left in the built text, means it was not rendered.
# Each: (pattern in built text, pattern to find the source line, what went wrong, fix).
LEFTOVERS = [
    (
        r"!!!",
        r"!!!",
        "an admonition ('!!! note') was not rendered",
        "start '!!! note \"Title\"' at the very start of a line (no spaces before it) "
        "after a blank line, "
        "and indent the text under it by exactly 4 spaces",
    ),
    (
        r"\?\?\?",
        r"\?\?\?",
        "a collapsible box ('??? note') was not rendered",
        "start '??? note \"Title\"' at the very start of a line (no spaces before it) "
        "after a blank line, "
        "and indent the text under it by exactly 4 spaces",
    ),
    (
        # '===' at the start of a line or after a space, before a name with or without its
        # quotes ('=== Fat' is not a tab either). Written as the literal first, then a look
        # back: the regex then jumps between '===' instead of trying every space of a page.
        r"===(?<!\S===)[ \t]*[^\s=]",
        r"^\s*===",
        "a tab ('=== \"Tab\"') was not rendered",
        "start '=== \"Tab name\"' at the very start of a line after a blank line, with the name "
        "in straight double quotes, and indent the tab's text by 4 spaces",
    ),
    (
        r"--8<--",
        r"--8<--",
        "a snippet include ('--8<--') was not rendered",
        "put '--8<-- \"file.md\"' alone on its own line, with the file name in quotes",
    ),
    (
        r"\{\{|\}\}",
        r"\{\{|\}\}",
        "a '{{ ... }}' value was not filled in",
        "use a fact defined in clinic.yml, e.g. {{ clinic.phone }}; "
        "values do not work in the front matter, write the text there instead",
    ),
    (
        r"\{%|%\}",
        r"\{%|%\}",
        "a '{% ... %}' template instruction was not run",
        "check the spelling and that every '{% if %}' has its '{% endif %}'",
    ),
    (
        r"\]\s?\(",
        r"\]\s*\(",
        "a link '[text](page.md)' was not turned into a link",
        "write the link as [text](page.md): no space between ']' and '(', and close every bracket",
    ),
    (
        r"\{:?\s*[#.][A-Za-z][\w-]*[^}]*\}",
        r"\{:?\s*[#.][A-Za-z]",
        "an attribute list ('{: #id }' or '{ .class }') was not applied",
        "put it at the very end of a heading or paragraph line, with no blank line before it; "
        "in a list, leave a blank line between the items",
    ),
    (
        r":(material|fontawesome|octicons|simple)-[a-z0-9-]+:",
        r":(material|fontawesome|octicons|simple)-",
        "an icon code was not recognised",
        "check the icon name in Material's icon search",
    ),
    (
        EMOJI_CODE,
        EMOJI_CODE,
        "an emoji code (':name:') was not recognised",
        "check its spelling in Material's emoji search "
        "(https://squidfunk.github.io/mkdocs-material/reference/icons-emojis/), e.g. :smile:, "
        "or remove the colons around the word",
    ),
]
