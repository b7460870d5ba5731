"""Which known organisations a newly typed name probably means (for the staff review list)."""

import re
from difflib import SequenceMatcher

# Words that say what kind of body it is rather than which one.
_NOISE = {"ab", "hb", "kb", "ek", "för", "i", "och", "the", "stockholm", "stockholms"}


def _key(name: str) -> str:
    words = re.findall(r"\w+", name.casefold())
    return " ".join(w for w in words if w not in _NOISE)


def similarity(a: str, b: str) -> float:
    """0..1: how alike two organisation names are, ignoring case, punctuation and 'AB'."""
    key_a, key_b = _key(a), _key(b)
    if not key_a or not key_b:
        return 0.0
    if key_a == key_b:
        return 1.0
    ratio = SequenceMatcher(None, key_a, key_b).ratio()
    if key_a in key_b or key_b in key_a:
        ratio = max(ratio, 0.8)
    return ratio


def suggested_matches(name: str, candidates, *, limit: int = 3, threshold: float = 0.6) -> list:
    """The ``candidates`` (objects with a ``name``) most like ``name``, best first."""
    scored = [(similarity(name, c.name), c.name.casefold(), c) for c in candidates]
    scored = [s for s in scored if s[0] >= threshold]
    scored.sort(key=lambda s: (-s[0], s[1]))
    return [c for _score, _name, c in scored[:limit]]
