"""Logging filters that keep personal data out of the logs (issue 13, §5)."""

import logging


class ExceptionClassOnly(logging.Filter):
    """Keep an exception's class, drop its message and traceback: an SMTP error's text can hold
    the recipients' addresses. The task's id in the message finds the details in the queue."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.exc_info and record.exc_info[0] is not None:
            record.msg = f"{record.getMessage()} error={record.exc_info[0].__qualname__}"
            record.args = None
            record.exc_info = None
            record.exc_text = None
        return True
