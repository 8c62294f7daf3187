"""Template loaders that leave out the indentation of the site's own HTML templates.

Nested components are indented for the people who read them (djhtml keeps them so); a
reader's browser has no use for it, and it was 37 % of the library's listing (28 of 77 kB),
which every reader downloads and the page cache sends. The leading spaces of each line are
dropped once, when a template is read (the cached loader keeps the compiled template), so
rendering costs nothing more. A newline stays wherever whitespace was, so pages render the
same. Left as they are: a template with `<pre>` or `<textarea>` (whose whitespace is shown),
and templates of other packages (Wagtail's admin). Every multi-line `{% blocktranslate %}` of
the site is `trimmed`, so no message id changes.
"""

import re
import sys
from pathlib import Path

from django.conf import settings
from django.template.loaders import app_directories, filesystem

INDENTATION = re.compile(r"\n[ \t]+")
SHOWN_WHITESPACE = re.compile(r"<(pre|textarea)\b", re.IGNORECASE)


def _is_ours(name):
    path = Path(name)
    return (
        path.suffix == ".html"
        and path.is_relative_to(settings.BASE_DIR)
        and not path.is_relative_to(sys.prefix)
    )


class WithoutIndentation:
    def get_contents(self, origin):
        contents = super().get_contents(origin)
        if _is_ours(origin.name) and not SHOWN_WHITESPACE.search(contents):
            return INDENTATION.sub("\n", contents)
        return contents


class FilesystemLoader(WithoutIndentation, filesystem.Loader):
    pass


class AppDirectoriesLoader(WithoutIndentation, app_directories.Loader):
    pass
