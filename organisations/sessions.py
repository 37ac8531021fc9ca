"""The database session engine, with an index of each user's sessions.

`SESSION_ENGINE = "organisations.sessions"`. Sessions stay in Django's own table;
each save of a logged-in session records (session key, user) in `SessionIndex`
when that pair is new, so that `services.end_sessions_of(user)` finds a person's
sessions by one indexed query instead of decoding every session in the database.
"""

from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.backends import db
from django.contrib.sessions.models import Session

from .models import SessionIndex


class SessionStore(db.SessionStore):
    # (session key, user id) as last read or indexed: no write when nothing changed.
    _indexed = None

    def load(self):
        data = super().load()
        self._indexed = (self.session_key, data.get(SESSION_KEY))
        return data

    def save(self, must_create=False):
        super().save(must_create=must_create)
        self._index()

    def _index(self):
        key = self.session_key
        user_id = getattr(self, "_session_cache", {}).get(SESSION_KEY)
        if not key or not user_id or self._indexed == (key, user_id):
            return
        SessionIndex.objects.update_or_create(session_key=key, defaults={"user_id": user_id})
        self._indexed = (key, user_id)

    def delete(self, session_key=None):
        key = session_key if session_key is not None else self.session_key
        super().delete(session_key)
        if key:
            SessionIndex.objects.filter(session_key=key).delete()

    @classmethod
    def clear_expired(cls):
        super().clear_expired()
        SessionIndex.objects.exclude(session_key__in=Session.objects.values("session_key")).delete()
