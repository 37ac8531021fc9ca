"""Queries that several floors share."""

from django.db import connections, router


def count_together(querysets):
    """{name: queryset} -> {name: its count}, all counted in one SQL statement (the menu's
    badges on every page: one round trip instead of one per badge)."""
    if not querysets:
        return {}
    names = list(querysets)
    model = querysets[names[0]].model
    parts, params = [], []
    for name in names:
        sql, part_params = querysets[name].order_by().values("pk").query.sql_with_params()
        # Django compiled `sql`; the values travel as parameters.
        parts.append(f"(SELECT COUNT(*) FROM ({sql}) AS counted)")  # noqa: S608
        params.extend(part_params)
    with connections[router.db_for_read(model)].cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(parts), params)
        row = cursor.fetchone()
    return dict(zip(names, row, strict=True))
