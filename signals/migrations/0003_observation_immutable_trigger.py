"""On PostgreSQL the database itself refuses UPDATE and DELETE of observations.

Only the retention purge may remove rows: it sets `stap0.allow_purge = 'on'`
with SET LOCAL, for its own transaction alone (see signals/immutability.py).
"""

from django.db import migrations

FORWARD = """
CREATE OR REPLACE FUNCTION stap0_observation_immutable() RETURNS trigger AS $$
BEGIN
    IF current_setting('stap0.allow_purge', true) = 'on' THEN
        IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'stap0: observaties worden nooit gewijzigd of verwijderd (%)', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER stap0_observation_immutable
    BEFORE UPDATE OR DELETE ON stap0signals_observation
    FOR EACH ROW EXECUTE FUNCTION stap0_observation_immutable();
"""

BACKWARD = """
DROP TRIGGER IF EXISTS stap0_observation_immutable ON stap0signals_observation;
DROP FUNCTION IF EXISTS stap0_observation_immutable();
"""


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FORWARD, params=None)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(BACKWARD, params=None)


class Migration(migrations.Migration):
    dependencies = [("stap0signals", "0002_catalogue")]

    operations = [migrations.RunPython(forward, backward)]
