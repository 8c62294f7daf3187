#!/bin/sh
# Stand-in for the official redis image: runs the command compose gives (redis-server …).
exec "$@"
