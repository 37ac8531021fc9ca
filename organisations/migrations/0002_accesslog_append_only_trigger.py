"""On PostgreSQL the access log is append-only at the database: no UPDATE, no DELETE."""

from django.db import migrations

FORWARD = """
CREATE OR REPLACE FUNCTION stap0_accesslog_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'stap0: het toegangslog kan niet worden gewijzigd of verwijderd (%)', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER stap0_accesslog_append_only
    BEFORE UPDATE OR DELETE ON organisations_accesslogentry
    FOR EACH ROW EXECUTE FUNCTION stap0_accesslog_append_only();
"""

BACKWARD = """
DROP TRIGGER IF EXISTS stap0_accesslog_append_only ON organisations_accesslogentry;
DROP FUNCTION IF EXISTS stap0_accesslog_append_only();
"""


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FORWARD, params=None)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(BACKWARD, params=None)


class Migration(migrations.Migration):
    dependencies = [("organisations", "0001_initial")]

    operations = [migrations.RunPython(forward, backward)]
