"""The page cache on disk, for a server without Redis (`make run`, a single small server).

Django's `FileBasedCache` lists its whole directory before every write, to decide whether to
cull. With the thousands of pages a full site caches, that listing costs 4 ms at 1,400 files
and grows with the directory, and the first reader after an edit writes several entries.
This backend counts its files on every `CULL_EVERY`-th write of the process instead, so the
directory may hold up to two rounds of writes (2 × `CULL_EVERY` files per process) more than
`MAX_ENTRIES` before it is culled.
"""

import itertools

from django.core.cache.backends.filebased import FileBasedCache

CULL_EVERY = 64
# Writes of this process, over all threads: next() on a count is atomic in CPython.
_writes = itertools.count()


class FileCache(FileBasedCache):
    def _cull(self):
        if next(_writes) % CULL_EVERY == 0:
            super()._cull()
