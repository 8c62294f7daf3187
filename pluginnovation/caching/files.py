"""The page cache on disk, for a server without Redis (`make run`, a single small server).

Two changes to Django's `FileBasedCache`, both for the reader the cache is for:

- Entries are pickled without zlib. A cached page is a 13-80 kB response; decompressing it
  took a third of a page-cache hit (100 of 350 µs in-process at scale 100), which kept some
  pages under 80 % of a static file's speed. The price is disk: a page takes about five times
  the space, so `MAX_ENTRIES` entries of 40 kB take some 800 MB at most. An entry written
  compressed (by an older release) reads as a miss and is replaced.
- Django's backend lists its whole directory before every write, to decide whether to cull,
  matching each name against a pattern. With the thousands of pages a full site caches, that
  listing costs 4 ms at 1,400 files and 20 ms at 15,000, and the first reader after an edit
  writes several entries. This backend counts its directory's entries on every
  `CULL_EVERY`-th write of the process instead (a plain listing: 5 ms at 15,000 files), and
  asks Django's backend to cull only when there are more than `MAX_ENTRIES`. The directory
  may hold up to two rounds of writes (2 × `CULL_EVERY` files per process) more than
  `MAX_ENTRIES` before it is culled.
"""

import itertools
import os
import pickle

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.filebased import FileBasedCache
from django.core.files import locks

CULL_EVERY = 64
# Writes of this process, over all threads: next() on a count is atomic in CPython.
_writes = itertools.count()


class FileCache(FileBasedCache):
    def get(self, key, default=None, version=None):
        try:
            with open(self._key_to_file(key, version), "rb") as f:
                if not self._is_expired(f):
                    return pickle.loads(f.read())  # noqa: S301 (our own files, as Django's)
        except FileNotFoundError:
            pass
        except (pickle.UnpicklingError, EOFError, ValueError):
            self.delete(key, version)  # not ours (compressed by an older release): a miss
        return default

    def _write_content(self, file, timeout, value):
        file.write(pickle.dumps(self.get_backend_timeout(timeout), self.pickle_protocol))
        file.write(pickle.dumps(value, self.pickle_protocol))

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        try:
            with open(self._key_to_file(key, version), "r+b") as f:
                try:
                    locks.lock(f, locks.LOCK_EX)
                    if self._is_expired(f):
                        return False
                    value = pickle.loads(f.read())  # noqa: S301 (our own files)
                    f.seek(0)
                    self._write_content(f, timeout, value)
                    f.truncate()
                    return True
                finally:
                    locks.unlock(f)
        except FileNotFoundError:
            return False

    def _cull(self):
        # The count includes the temporary files of writes under way: a cull at most that early.
        if next(_writes) % CULL_EVERY == 0 and len(os.listdir(self._dir)) >= self._max_entries:
            super()._cull()
