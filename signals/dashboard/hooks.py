"""Where the floors above add to the organisation's overview (organisations.hooks.Hook).

- `overview_panels`: provider(request) -> [families.extensions.Panel], for a lead; figures
  only, never a family's name (the learning floor: families that improved per quarter).
"""

from organisations.hooks import Hook

overview_panels = Hook("overview_panels")
