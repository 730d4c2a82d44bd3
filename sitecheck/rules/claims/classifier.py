"""The learned layer beside the concepts: a linear model over word and character n-grams.

The concepts (rules.yml) explain a claim: its kind, why regulators object, safer wording. They
find the wording someone wrote down and its near relatives. This model scores wording nobody
wrote down: trained by `./run train-claims` (sitecheck/rules/claims/train.py, scikit-learn,
developers only) on the labelled sentences in sitecheck/rules/claims/training/ and the
development set, and shipped as JSON weights (model.json) with the sha256 of that data.

At build time it is pure Python: the same tokenisation as training, each feature hashed with
zlib.crc32 into a fixed number of buckets, a dot product with the stored weights and a
threshold. No scikit-learn, no network, no pickle; the file loads in a few milliseconds.

Features, chosen so the model reads stance as well as topic:
- words and word pairs (digits written as 0, so "94%" and "62%" are the same word "0%");
- character n-grams of 3 to 5 letters inside words, which survive typos ("garanteed");
- a few shapes: a quotation in the sentence, a question, a source cited, a number of people.
"""

from __future__ import annotations

import json
import math
import re
import zlib
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise
from pathlib import Path

MODEL_FILE = "sitecheck/rules/claims/model.json"  # relative to the project
FORMAT = 1
BUCKETS = 1 << 18
CHAR_SIZES = (3, 4, 5)
# How much the character block counts beside the word block (both are unit length first).
CHAR_WEIGHT = 1.0

TOKEN = re.compile(r"[a-z0-9%$£€]+(?:['\u2019][a-z]+)?|[\"“”«»?!]")
DIGITS = re.compile(r"\d+(?:[.,]\d+)*")
QUOTED = re.compile(r"[\"“«][^\"”»]{3,}[\"”»]|\u2018[^\u2019]{3,}\u2019|(?<!\w)'[^']{3,}'(?!\w)")
CITED = re.compile(r"\]\([^)]*sources\.md#|\([A-Z][A-Za-z-]+(?: et al\.?)? (?:19|20)\d\d\)")
PEOPLE_FIGURE = re.compile(
    r"\d+ ?(?:%|percent|x\b|times)|\b\d+ (?:of|in|out of) \d+|\bup to\b|"
    r"\b(?:twice|double|triple|(?:one|two|three|four|five|six|seven|eight|nine|ten) (?:of|in|out of) "
    r"(?:two|three|four|five|six|seven|eight|nine|ten|every))\b"
)
LINK_TARGET = re.compile(r"\]\([^)]*\)")


def normalise(text: str) -> str:
    text = LINK_TARGET.sub("]", text)  # a link's address is not read; whether it cites is a shape
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u00a0", " ")
    text = re.sub(r"[*_#>|`]+", " ", text)
    return DIGITS.sub("0", text.lower())


# Stance: a word said under a negation ("not proven") or inside quotation marks (a claim
# quoted to reject it) is a different feature from the same word said plainly.
NEGATION = frozenset(
    [
        "not",
        "no",
        "never",
        "nothing",
        "none",
        "nobody",
        "cannot",
        "can't",
        "don't",
        "doesn't",
        "isn't",
        "aren't",
        "won't",
        "wasn't",
        "weren't",
        "haven't",
        "hasn't",
        "didn't",
        "shouldn't",
        "wouldn't",
        "couldn't",
        "without",
        "neither",
        "nor",
    ]
)
SCOPE_END = frozenset(
    [".", ",", ";", ":", "!", "?", "but", "however", "although", "though", "yet", "whereas"]
)
SCOPE_TOKEN = re.compile(r"[a-z0-9%$']+|[.,;:!?]|[\"“”«»]")


def scoped(text: str) -> list[str]:
    """n:word for words in a negation's scope, q:word for words inside quotation marks."""
    out, negated, quoted = [], False, False
    for token in SCOPE_TOKEN.findall(text):
        if token in '"“”«»':
            quoted = not quoted if token == '"' else token in "“«"
            continue
        if token in SCOPE_END:
            negated = False
            continue
        if negated:
            out.append("n:" + token)
        if quoted:
            out.append("q:" + token)
        if token in NEGATION:
            negated = True
    return out


def word_names(text: str) -> tuple[list[str], list[str]]:
    """The word features of a sentence, and its words (for the character features)."""
    normal = normalise(text)
    tokens = TOKEN.findall(normal)
    words = ["w:" + t for t in tokens] + scoped(normal)
    padded = ["<s>", *tokens, "</s>"]
    words += [f"b:{a} {b}" for a, b in pairwise(padded)]
    if QUOTED.search(text):
        words.append("f:quoted")
    if text.rstrip(" *_\"'”)").endswith("?"):
        words.append("f:question")
    if CITED.search(text):
        words.append("f:cited")
    if PEOPLE_FIGURE.search(text.lower()):
        words.append("f:figure")
    return words, [t for t in tokens if t[0].isalnum()]


@lru_cache(maxsize=1 << 15)
def char_names(token: str) -> frozenset[str]:
    word = f" {token} "
    return frozenset("c:" + word[i : i + n] for n in CHAR_SIZES for i in range(len(word) - n + 1))


def feature_names(text: str) -> tuple[set[str], set[str]]:
    """The word features and the character features of a sentence, as strings."""
    words, tokens = word_names(text)
    return set(words), set().union(*map(char_names, tokens))


@lru_cache(maxsize=1 << 17)
def bucket(name: str) -> int:
    return zlib.crc32(name.encode("utf-8")) & (BUCKETS - 1)


def features(text: str) -> dict[int, float]:
    """Hashed, binary, each block scaled to unit length: the vector the weights multiply.
    Two features in one bucket add up (training saw the same sums)."""
    out: dict[int, float] = {}
    for names, weight in zip(feature_names(text), (1.0, CHAR_WEIGHT), strict=True):
        if not names:
            continue
        value = weight / math.sqrt(len(names))
        for name in names:
            index = bucket(name)
            out[index] = out.get(index, 0.0) + value
    return out


@dataclass(frozen=True, eq=False)  # hashed by identity: one model per version of the file
class Model:
    weights: dict[int, int]  # bucket -> weight in units of `scale`
    scale: float
    bias: float
    threshold: float
    data_sha256: str
    # A concept hit in a sentence scoring below this is a claim denied, quoted or corrected:
    # the model reads the sentence's stance, the concept only its words. None: no veto.
    veto: float | None = None

    def score(self, text: str) -> float:
        """The decision value: at or above the threshold, the sentence reads as a claim."""
        return _score(self, text)

    def is_claim(self, text: str) -> bool:
        return self.score(text) >= self.threshold


@lru_cache(maxsize=20000)
def _score(model: Model, text: str) -> float:
    # Kept per sentence: a preview rebuild after one save scores only the sentences it changed.
    get = model.weights.get
    total = sum(value * get(index, 0) for index, value in features(text).items())
    return model.bias + model.scale * total


def from_json(text: str) -> Model:
    data = json.loads(text)
    if data.get("format") != FORMAT or data.get("buckets") != BUCKETS:
        raise ValueError("the claims model was written by another version: run ./run train-claims")
    weights = dict(zip(data["index"], data["weight"], strict=True))
    return Model(
        weights,
        data["scale"],
        data["bias"],
        data["threshold"],
        data["data_sha256"],
        data.get("veto"),
    )


@lru_cache(maxsize=4)
def _load(path: str, version: tuple[int, int]) -> Model | None:
    try:
        return from_json(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None


def load_model(project: Path) -> Model | None:
    """The committed model, read once per version of the file; None when a copy has none."""
    return load_model_file(project / MODEL_FILE)


def load_model_file(path: Path) -> Model | None:
    try:
        info = path.stat()
    except OSError:
        return None
    return _load(str(path), (info.st_mtime_ns, info.st_size))
