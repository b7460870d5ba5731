"""Sessions in the database whose idle expiry moves forward at most once a minute.

``SESSION_SAVE_EVERY_REQUEST`` ends a session after ``SESSION_COOKIE_AGE`` idle seconds; saving
it on every request would make every staff page write to the database. This store skips the
write when nothing in the session changed and the expiry it would write is less than
``REFRESH`` later than the one stored: a session then ends between 29 and 30 idle minutes
rather than at exactly 30.
"""

from datetime import timedelta

from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore

REFRESH = timedelta(minutes=1)


class SessionStore(DatabaseSessionStore):
    _stored_expiry = None

    def _get_session_from_db(self):
        stored = super()._get_session_from_db()
        self._stored_expiry = stored.expire_date if stored else None
        return stored

    def save(self, must_create=False):
        if (
            not must_create
            and not self.modified
            and self._stored_expiry is not None
            and self.get_expiry_date() - self._stored_expiry < REFRESH
        ):
            return
        super().save(must_create=must_create)
        self._stored_expiry = None
