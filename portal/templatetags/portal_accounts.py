"""Template tags of the account pages."""

from django import template
from django.http.request import split_domain_port

from portal.accounts import passkeys_possible

register = template.Library()


@register.simple_tag
def passkeys_possible_here(request) -> bool:
    """Whether passkeys can be added at the address this page was asked for (WebAuthn)."""
    host, _port = split_domain_port(request.get_host())
    return passkeys_possible(secure=request.is_secure(), host=host)
