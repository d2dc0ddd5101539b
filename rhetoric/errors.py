"""The one exception type for mistakes a user can make (bad path, bad file, bad table).

The CLI turns a ``RhetoricError`` into a one-line message on stderr and exit code 2;
library users catch it like any other exception.
"""


class RhetoricError(Exception):
    """A user-facing error whose message is one line naming the file, record or line."""

    exit_code = 2
