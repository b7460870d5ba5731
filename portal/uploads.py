"""Request bodies and uploads are limited before they are read.

Two limits, both answered with the portal's own page (413, in the page's language) that says
what was too large and how large it may be:

- ``UploadLimitMiddleware`` reads the ``Content-Length`` header before anything reads the body:
  a file upload (multipart) larger than ``PORTAL_UPLOAD_MAX_BYTES``, or any other body larger
  than ``DATA_UPLOAD_MAX_MEMORY_SIZE``, is refused without reading a byte of it.
- ``LimitedUploadHandler`` counts an upload's bytes while they stream in (a client may send no
  length, or a false one) and stops reading at the limit; the middleware then answers with
  the same page instead of what the view made of the cut-off form.
"""

from django.conf import settings
from django.core.files.uploadhandler import FileUploadHandler, StopUpload
from django.template.defaultfilters import filesizeformat

_TOO_LARGE = "_portal_upload_too_large"


def upload_max_bytes() -> int:
    return settings.PORTAL_UPLOAD_MAX_BYTES


class LimitedUploadHandler(FileUploadHandler):
    """First of ``FILE_UPLOAD_HANDLERS``: passes every chunk on until the request's files
    together pass ``PORTAL_UPLOAD_MAX_BYTES``, then stops the upload (the rest is not read)."""

    def __init__(self, request=None):
        super().__init__(request)
        self.received = 0

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)
        if self.received > upload_max_bytes():
            if self.request is not None:
                setattr(self.request, _TOO_LARGE, True)
            raise StopUpload(connection_reset=True)
        return raw_data

    def file_complete(self, file_size):
        return None


def _declared_length(request) -> int:
    try:
        return max(int(request.META.get("CONTENT_LENGTH") or 0), 0)
    except ValueError:
        return 0


def _too_large(request, limit: int):
    from portal.errors import _render

    return _render(
        "413.html",
        413,
        "För stor",
        request,
        {"limit": filesizeformat(limit), "is_upload": _is_upload(request)},
    )


def _is_upload(request) -> bool:
    return request.META.get("CONTENT_TYPE", "").startswith("multipart/form-data")


class UploadLimitMiddleware:
    """Refuses a body larger than it may be from its declared length, before any middleware
    or view reads it; and answers for an upload the handler stopped while it streamed in.
    Goes before every middleware that reads the body (CSRF, sessions' forms)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        length = _declared_length(request)
        if _is_upload(request):
            # The form's other fields and the multipart framing come on top of the file.
            limit = upload_max_bytes()
            if length > limit + settings.DATA_UPLOAD_MAX_MEMORY_SIZE:
                return _too_large(request, limit)
        elif (
            settings.DATA_UPLOAD_MAX_MEMORY_SIZE is not None
            and length > settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        ):
            return _too_large(request, settings.DATA_UPLOAD_MAX_MEMORY_SIZE)
        response = self.get_response(request)
        if getattr(request, _TOO_LARGE, False):
            return _too_large(request, upload_max_bytes())
        return response
