"""The import: keep the parsed upload for a short while, map its columns, plan what
would change, and write it all in one transaction.

A re-import of the same export creates nothing twice: a child is found again by
its pupil number (or, without one, by first name and birth date when that is
unique in the organisation) and only its group and last name are updated (the last
name, with its tussenvoegsel, is what a match in the region needs); a family is found
again by its family key. Children who are no longer in the export are listed,
never deleted.
"""

import datetime
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

from ..models import Child, Family
from .columns import KEYS, check_mapping, recognise
from .models import FamilyKey, PupilImport, PupilNumber
from .parsing import read_table
from .rows import read_rows

# An upload that is not imported within a day is thrown away (its parsed cells too).
KEEP_UNFINISHED = datetime.timedelta(hours=24)


def discard_unfinished():
    cutoff = timezone.now() - KEEP_UNFINISHED
    PupilImport.objects.filter(imported_at__isnull=True, created_at__lt=cutoff).delete()


@transaction.atomic
def import_upload(*, organisation, created_by, data, file_name="") -> PupilImport:
    """Reads the file (bytes, not kept) and keeps its cells until the import.

    A file that cannot be read is refused on the upload form's `file` field.
    """
    try:
        table = read_table(data, file_name)
    except ValidationError as exc:
        raise ValidationError({"file": exc.messages}) from None
    discard_unfinished()
    return PupilImport.objects.create(
        organisation=organisation,
        created_by=created_by,
        file_name=(file_name or "")[:200],
        headers=table.headers,
        rows=table.rows,
        mapping=recognise(table.headers),
    )


def _require_open(pupil_import):
    if pupil_import.imported_at is not None:
        raise ValidationError(_("Dit bestand is al geïmporteerd."))


def import_map(*, pupil_import, mapping) -> PupilImport:
    """The user's choice of column per field: {key: header index or None}."""
    _require_open(pupil_import)
    unknown = set(mapping) - set(KEYS)
    if unknown:
        raise ValidationError(_("Onbekend veld: %(names)s") % {"names": ", ".join(sorted(unknown))})
    mapping = {key: mapping.get(key) for key in KEYS}
    check_mapping(mapping, pupil_import.headers)
    pupil_import.mapping = mapping
    pupil_import.save(update_fields=["mapping"])
    return pupil_import


def mapping_of(pupil_import):
    """The stored mapping with its JSON turned back into indexes (None: not used)."""
    mapping = {}
    for key in KEYS:
        value = pupil_import.mapping.get(key)
        mapping[key] = value if isinstance(value, int) and not isinstance(value, bool) else None
    return mapping


def rows_of(pupil_import, *, today=None):
    return read_rows(pupil_import.rows, mapping_of(pupil_import), today or timezone.localdate())


def family_key_hash(organisation, key):
    """A keyed hash of the export's family key: the key (maybe an address) is not kept."""
    value = f"{organisation.pk}:{key}"
    return salted_hmac("stap0.families.import", value, algorithm="sha256").hexdigest()


@dataclass
class Plan:
    new: list = field(default_factory=list)  # rows whose child is new
    moved: list = field(default_factory=list)  # (child, row): same child, another group
    # (child, row): same child, its last name filled in or changed (the family keeps its name)
    named: list = field(default_factory=list)
    unchanged: list = field(default_factory=list)  # (child, row)
    new_families: int = 0
    left: list = field(default_factory=list)  # children with a number the export lacks
    errors: list = field(default_factory=list)  # rows with errors
    # row line -> "new" / "moved" / "named" / "moved_named" / "unchanged", for the preview
    status: dict = field(default_factory=dict)


def _children_by_number(organisation):
    return {
        n.number.lower(): n.child
        for n in PupilNumber.objects.filter(organisation=organisation).select_related("child")
    }


def _children_by_name(organisation, valid):
    """Children by (first name, birth date); only read when a row lacks a pupil number."""
    by_name = {}
    if any(not r.pupil_number for r in valid):
        children = Child.objects.filter(family__organisation=organisation)
        fields = ("pk", "first_name", "last_name", "birth_date", "group_name", "family_id")
        for child in children.only(*fields):
            by_name.setdefault((child.first_name.lower(), child.birth_date), []).append(child)
    return by_name


def _match(row, numbers, by_name, matched):
    """The known child this row is about, or None; a child matches at most one row."""
    if row.pupil_number:
        child = numbers.get(row.pupil_number.lower())
    else:
        candidates = by_name.get((row.first_name.lower(), row.birth_date), [])
        child = candidates[0] if len(candidates) == 1 else None
    if child is not None and child.pk in matched:
        return None
    return child


def _plan_new(result, row, organisation, known_keys, new_keys):
    result.new.append(row)
    result.status[row.line] = "new"
    key = family_key_hash(organisation, row.family_key) if row.family_key else None
    if key is None:
        result.new_families += 1
    elif key not in known_keys and key not in new_keys:
        new_keys.add(key)
        result.new_families += 1


def _plan_known(result, row, child):
    moved = bool(row.group) and row.group != child.group_name
    named = bool(row.last_name) and row.last_name != child.last_name
    if moved:
        result.moved.append((child, row))
    if named:
        result.named.append((child, row))
    if not (moved or named):
        result.unchanged.append((child, row))
    result.status[row.line] = (
        "moved_named"
        if moved and named
        else "moved"
        if moved
        else "named"
        if named
        else "unchanged"
    )


def _left(rows, numbers):
    """Children with a pupil number the file no longer names (only if the file has numbers)."""
    in_file = {r.pupil_number.lower() for r in rows if r.pupil_number}
    if not in_file:
        return []
    left = [c for number, c in numbers.items() if number not in in_file]
    left.sort(key=lambda c: (c.group_name, c.first_name))
    return left


def plan(organisation, rows) -> Plan:
    """What an import of `rows` would change, read from the database; writes nothing."""
    result = Plan(errors=[r for r in rows if not r.ok])
    valid = [r for r in rows if r.ok]
    numbers = _children_by_number(organisation)
    by_name = _children_by_name(organisation, valid)
    known_keys = set(
        FamilyKey.objects.filter(organisation=organisation).values_list("key_hash", flat=True)
    )
    matched, new_keys = set(), set()
    for row in valid:
        child = _match(row, numbers, by_name, matched)
        if child is None:
            _plan_new(result, row, organisation, known_keys, new_keys)
            continue
        matched.add(child.pk)
        _plan_known(result, row, child)
    result.left = _left(rows, numbers)
    return result


def _write(organisation, the_plan):
    """Creates and updates in bulk; returns the ids of the families it touched."""
    now = timezone.now()
    families, pending = [], {}
    existing = dict(
        FamilyKey.objects.filter(organisation=organisation).values_list("key_hash", "family_id")
    )
    children = []
    for row in the_plan.new:
        key = family_key_hash(organisation, row.family_key) if row.family_key else None
        family_id, family = existing.get(key), pending.get(key)
        if family_id is None and family is None:
            # created_by stays empty: an import makes no one the family's creator.
            family = Family(organisation=organisation, name=row.family_name, created_by=None)
            families.append(family)
            if key is not None:
                pending[key] = family
        child = Child(
            first_name=row.first_name,
            last_name=row.last_name,
            birth_date=row.birth_date,
            group_name=row.group,
        )
        children.append((child, family, family_id, row))
    Family.objects.bulk_create(families)
    FamilyKey.objects.bulk_create(
        FamilyKey(organisation=organisation, key_hash=key, family=family)
        for key, family in pending.items()
    )
    for child, family, family_id, _row in children:
        child.family_id = family.pk if family is not None else family_id
    Child.objects.bulk_create([c for c, *_ in children])
    PupilNumber.objects.bulk_create(
        PupilNumber(organisation=organisation, number=row.pupil_number, child=child)
        for child, _f, _id, row in children
        if row.pupil_number
    )
    changed = {}
    for child, row in the_plan.moved:
        child.group_name = row.group
        changed[child.pk] = child
    for child, row in the_plan.named:
        child.last_name = row.last_name
        changed[child.pk] = child
    moved = list(changed.values())
    Child.objects.bulk_update(moved, ["group_name", "last_name"], batch_size=500)
    touched = {c.family_id for c in moved} | {c.family_id for c, *_ in children}
    Family.objects.filter(pk__in=touched).update(last_activity_at=now)
    return touched, len(families)


def import_run(*, pupil_import, today=None) -> PupilImport:
    """Imports the checked rows in one transaction; rows with errors are skipped."""
    try:
        with transaction.atomic():
            locked = PupilImport.objects.select_for_update().get(pk=pupil_import.pk)
            _require_open(locked)
            check_mapping(mapping_of(locked), locked.headers)
            rows = rows_of(locked, today=today)
            the_plan = plan(locked.organisation, rows)
            touched, families_created = _write(locked.organisation, the_plan)
            locked.summary = {
                "rows": len(rows),
                "errors": len(the_plan.errors),
                "created_children": len(the_plan.new),
                "created_families": families_created,
                "moved": len(the_plan.moved),
                "named": len(the_plan.named),
                "unchanged": len(the_plan.unchanged),
                "left": [str(c.public_id) for c in the_plan.left],
            }
            locked.rows = []  # the cells go; the counts stay
            locked.imported_at = timezone.now()
            locked.save(update_fields=["summary", "rows", "imported_at"])
            # For the access log (one entry per family), not stored.
            locked.touched_families = list(
                Family.objects.filter(pk__in=touched).values_list("public_id", flat=True)
            )
    except IntegrityError:
        # Two imports at once into one organisation: the second changes nothing.
        raise ValidationError(
            _("Tegelijk liep er een andere import. Er is niets veranderd; probeer het opnieuw.")
        ) from None
    return locked
