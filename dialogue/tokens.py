"""Signed tokens of the dialogue: they identify a round and a way in, never a person.

- The *way in* (``way_in_token``): staff and partners get their own link; the token in it says
  which round and which respondent group, so an answer through it is counted in that group.
- The *form token* (``form_token``): every form carries one, signed with the round, the group
  and a random nonce; a token is used once, and only for a day.
- The *answered* cookie: a browser that answered a round remembers it (signed), so the same
  browser cannot answer twice; a colleague on the same network with another browser can.
"""

import secrets

from django.core import signing
from django.core.cache import cache

WAY_IN_SALT = "dialogue.way-in"
FORM_SALT = "dialogue.form"
COOKIE = "trygghetsdialog"
COOKIE_SALT = "dialogue.answered"
FORM_MAX_AGE = 24 * 60 * 60


class BadToken(Exception):
    pass


def way_in_token(*, round_id: int, group: str) -> str:
    return signing.dumps({"r": round_id, "g": group}, salt=WAY_IN_SALT, compress=True)


def read_way_in(token: str) -> tuple[int, str]:
    try:
        data = signing.loads(token, salt=WAY_IN_SALT)
        return int(data["r"]), str(data["g"])
    except (signing.BadSignature, KeyError, TypeError, ValueError) as error:
        raise BadToken from error


def form_token(*, round_id: int, group: str) -> str:
    return signing.dumps(
        {"r": round_id, "g": group, "n": secrets.token_urlsafe(12)}, salt=FORM_SALT, compress=True
    )


def read_form_token(token: str) -> tuple[int, str, str]:
    """(round id, group, nonce) of a form token that is genuine and at most a day old."""
    try:
        data = signing.loads(token, salt=FORM_SALT, max_age=FORM_MAX_AGE)
        return int(data["r"]), str(data["g"]), str(data["n"])
    except (signing.BadSignature, KeyError, TypeError, ValueError) as error:
        raise BadToken from error


def use_nonce(nonce: str) -> bool:
    """Mark a form token's nonce used; False when it already was (the same form sent twice)."""
    return cache.add(f"dialogue:nonce:{nonce}", 1, timeout=FORM_MAX_AGE)


def answered_rounds(request) -> set[int]:
    try:
        value = request.get_signed_cookie(COOKIE, salt=COOKIE_SALT, default="")
    except signing.BadSignature:
        return set()
    return {int(p) for p in value.split(".") if p.isdigit()}


def remember_answer(response, request, *, round_id: int, max_age: int) -> None:
    rounds = sorted(answered_rounds(request) | {round_id})[-20:]
    response.set_signed_cookie(
        COOKIE,
        ".".join(str(r) for r in rounds),
        salt=COOKIE_SALT,
        max_age=max_age,
        httponly=True,
        secure=request.is_secure(),
        samesite="Lax",
    )
