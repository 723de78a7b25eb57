"""SQLite: an FTS5 index of idea titles, problems and solutions, kept current by triggers.

PostgreSQL needs nothing here: it searches with its own full-text functions.
"""

from django.db import migrations

from ideas.migrations._sqlite_fts import DROP, create, run_on_sqlite


class Migration(migrations.Migration):
    dependencies = [("ideas", "0001_initial")]

    operations = [
        migrations.RunPython(run_on_sqlite(create("unicode61 remove_diacritics 2")), run_on_sqlite(DROP)),
    ]
