"""The stack's limit for ``make bench``: a bare WSGI callable, no Django, served by the same
gunicorn settings as the portal. Every other line's ratio is against it."""


def application(environ, start_response):
    start_response("200 OK", [("Content-Type", "text/plain"), ("Content-Length", "2")])
    return [b"ok"]
