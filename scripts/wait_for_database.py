"""Wait until the database in DATABASE_URL accepts connections (at most WAIT_SECONDS, 60).

The release step runs this first: compose engines that ignore `depends_on` conditions
(podman-compose 1.0) start it while PostgreSQL is still starting.
"""

import os
import sys
import time

import psycopg

deadline = time.monotonic() + int(os.environ.get("WAIT_SECONDS", "60"))
while True:
    try:
        psycopg.connect(os.environ["DATABASE_URL"], connect_timeout=2).close()
        break
    except psycopg.OperationalError as error:
        if time.monotonic() > deadline:
            sys.exit(f"The database does not answer: {error}")
        time.sleep(1)
