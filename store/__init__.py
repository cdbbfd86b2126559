"""planwatch store: the database, its queries and exports, and the command line."""

import logging

logging.getLogger(__name__).addHandler(logging.NullHandler())
