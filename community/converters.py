"""The `<id:...>` path converter: a row id in a URL, within what the id columns can hold.

`<int:...>` matches any number of digits, and a number past the database's integer range
reaches a query that fails (an OverflowError from the driver, so a 500). `<id:...>` matches
only 1 to 2**63 - 1, the range of a BigAutoField (DEFAULT_AUTO_FIELD) and beyond that of an
AutoField, so such a URL resolves like any other missing page: 404. Registered once, when
the community app is ready, for every app's URLs.
"""

from django.urls.converters import IntConverter

MAX_ID = 2**63 - 1


class IdConverter(IntConverter):
    def to_python(self, value: str) -> int:
        number = int(value)
        if not 1 <= number <= MAX_ID:
            raise ValueError(f"{value} is not a row id.")
        return number
