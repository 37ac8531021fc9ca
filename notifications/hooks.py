"""Where the floors above fill in what this floor cannot know (organisations.hooks.Hook).

- `due_events`: provider(*, today) -> {name: number created}. Events that no request
  emits but a date makes due (a review or check due, a life-phase transition ahead, a
  quiet family). `send_digests` runs every provider first, so that the in-app list and
  the digest agree; each provider must be idempotent (notify() with a stable event key).
- `digest_counts`: provider(memberships) -> {membership.pk: [(line, n), ...]}. Lines for
  things that wait for a person but are no notification (open "kijk je mee?" requests).
  A line is a count and a general phrase, never a name or a description.
"""

from organisations.hooks import Hook

due_events = Hook("due_events")
digest_counts = Hook("digest_counts")
