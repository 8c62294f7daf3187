"""Logging filters for requests that are the caller's mistake, not a fault of ours."""

import logging


class OneLineWarning(logging.Filter):
    """Log the record as a one-line warning without a traceback.

    A disallowed Host header (a scanner, a misconfigured proxy) is answered with a correct 400;
    Django logs it as an error with the whole traceback, which buries real errors.
    """

    def filter(self, record):
        message = " ".join(record.getMessage().split())
        record.msg, record.args = message, ()
        record.exc_info = record.exc_text = record.stack_info = None
        record.levelno, record.levelname = logging.WARNING, "WARNING"
        return True
