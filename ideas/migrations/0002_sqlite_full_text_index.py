"""SQLite: an FTS5 index of idea titles, problems and solutions, kept current by triggers.

PostgreSQL needs nothing here: it searches with its own full-text functions.
"""

from django.db import migrations

CREATE = [
    """CREATE VIRTUAL TABLE ideas_idea_fts USING fts5(
        title, problem, body, content='ideas_idea', content_rowid='id', tokenize='unicode61 remove_diacritics 2'
    )""",
    """CREATE TRIGGER ideas_idea_fts_insert AFTER INSERT ON ideas_idea BEGIN
        INSERT INTO ideas_idea_fts(rowid, title, problem, body) VALUES (new.id, new.title, new.problem, new.body);
    END""",
    """CREATE TRIGGER ideas_idea_fts_delete AFTER DELETE ON ideas_idea BEGIN
        INSERT INTO ideas_idea_fts(ideas_idea_fts, rowid, title, problem, body)
        VALUES ('delete', old.id, old.title, old.problem, old.body);
    END""",
    """CREATE TRIGGER ideas_idea_fts_update AFTER UPDATE OF title, problem, body ON ideas_idea BEGIN
        INSERT INTO ideas_idea_fts(ideas_idea_fts, rowid, title, problem, body)
        VALUES ('delete', old.id, old.title, old.problem, old.body);
        INSERT INTO ideas_idea_fts(rowid, title, problem, body) VALUES (new.id, new.title, new.problem, new.body);
    END""",
    "INSERT INTO ideas_idea_fts(ideas_idea_fts) VALUES ('rebuild')",
]
DROP = [
    "DROP TRIGGER IF EXISTS ideas_idea_fts_update",
    "DROP TRIGGER IF EXISTS ideas_idea_fts_delete",
    "DROP TRIGGER IF EXISTS ideas_idea_fts_insert",
    "DROP TABLE IF EXISTS ideas_idea_fts",
]


def run_on_sqlite(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "sqlite":
            return
        for statement in statements:
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("ideas", "0001_initial")]

    operations = [migrations.RunPython(run_on_sqlite(CREATE), run_on_sqlite(DROP))]
