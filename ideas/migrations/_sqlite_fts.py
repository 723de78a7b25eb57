"""The SQL of the SQLite full-text index of ideas, shared by the migrations that build it.

An FTS5 table over title, problem and proposed solution, kept current by triggers on
ideas_idea (so bulk inserts and raw updates are indexed too). Not a migration itself:
Django's loader skips modules whose names start with an underscore.

SQLite drops the triggers whenever Django rebuilds ideas_idea to alter it (adding a
column with a check, say); a migration that does so must end by building the index
again: ``run_on_sqlite(DROP + create(STEMMED))``.
"""

STEMMED = "porter unicode61 remove_diacritics 2"


def create(tokenizer: str) -> list[str]:
    return [
        f"""CREATE VIRTUAL TABLE ideas_idea_fts USING fts5(
            title, problem, body, content='ideas_idea', content_rowid='id', tokenize='{tokenizer}'
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


def run_on_sqlite(statements: list[str]):
    """A RunPython function that runs `statements` on SQLite and does nothing elsewhere."""

    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "sqlite":
            for statement in statements:
                schema_editor.execute(statement)

    return run
