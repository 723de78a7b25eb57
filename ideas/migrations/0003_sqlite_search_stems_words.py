"""SQLite: rebuild the full-text index with the Porter stemmer, so "exports" finds "export"
(PostgreSQL's english configuration stems already)."""

from django.db import migrations

from ideas.migrations._sqlite_fts import DROP, STEMMED, create, run_on_sqlite
PLAIN = "unicode61 remove_diacritics 2"


class Migration(migrations.Migration):
    dependencies = [("ideas", "0002_sqlite_full_text_index")]

    operations = [
        migrations.RunPython(run_on_sqlite(DROP + create(STEMMED)), run_on_sqlite(DROP + create(PLAIN))),
    ]
