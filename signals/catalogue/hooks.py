"""Where the floors above show something on a category's page (organisations.hooks.Hook).

- `category_panels`: provider(request, category) -> [families.extensions.Panel]. The
  learning floor shows the team's approved "wat werkte" items of the category there.
"""

from organisations.hooks import Hook

category_panels = Hook("category_panels")
