"""The guard against server-side request forgery: where a webhook may be sent.

An endpoint is accepted only if every address its host name resolves to is on
the public internet: never a private, loopback, link-local, multicast, reserved
or unspecified one, in IPv4 or IPv6, also when an IPv6 address carries an IPv4
one (IPv4-mapped, 6to4, NAT64; Teredo is refused whole). The host is resolved
again at each delivery (its DNS may have changed since the endpoint was saved)
and the request connects to the address checked then, never to a name resolved
twice.
WEBHOOKS_ALLOW_PRIVATE_ADDRESSES turns the guard off (tests, an intranet).
"""

import ipaddress
import socket
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.utils.translation import gettext as _

DEFAULT_PORTS = {"http": 80, "https": 443}
NAT64 = ipaddress.ip_network("64:ff9b::/96")


class UnsafeAddress(Exception):  # noqa: N818 - a refusal, not a programming error
    """The endpoint's address may not be called; the message says why."""


@dataclass(frozen=True)
class Target:
    """Where to connect: the URL's parts and the one address checked for it."""

    scheme: str
    host: str
    port: int
    path: str
    address: str


def is_public(address: str) -> bool:
    """Whether an IP address is on the public internet, looking inside IPv6 forms."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if ip.version == 6:
        # ::ffff:a.b.c.d reaches a.b.c.d, and so does its NAT64 form on a network
        # with DNS64: each is judged as the IPv4 address it carries.
        if ip.ipv4_mapped is not None:
            return is_public(str(ip.ipv4_mapped))
        if ip in NAT64:
            return is_public(str(ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)))
        if ip.sixtofour is not None and not is_public(str(ip.sixtofour)):
            return False
    return not (
        ip.is_private
        or ip.is_loopback
        or ip.is_link_local
        or ip.is_multicast
        or ip.is_reserved
        or ip.is_unspecified
        or (ip.version == 6 and ip.is_site_local)
        or not ip.is_global
    )


def resolve(url: str) -> Target:
    """Check the URL and resolve its host to one address that may be called.

    Raises UnsafeAddress for a URL that is not http(s), a host that does not
    resolve, or one with any address that is not public (unless the setting
    allows them): a name with one private address among public ones is refused,
    so that which one is picked cannot matter.
    """
    parts = urlsplit(url)
    if parts.scheme not in DEFAULT_PORTS or not parts.hostname:
        raise UnsafeAddress(_("Give an address starting with http:// or https://."))
    if parts.username or parts.password:
        raise UnsafeAddress(_("The address may not contain a user name or password."))
    try:
        port = parts.port or DEFAULT_PORTS[parts.scheme]
    except ValueError as error:
        raise UnsafeAddress(_("The address's port is not a number.")) from error
    host = parts.hostname
    try:
        found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as error:
        raise UnsafeAddress(
            _("The host name “%(host)s” could not be found.") % {"host": host}
        ) from error
    addresses = list(dict.fromkeys(info[4][0] for info in found))
    if not settings.WEBHOOKS_ALLOW_PRIVATE_ADDRESSES:
        refused = [address for address in addresses if not is_public(address)]
        if refused:
            raise UnsafeAddress(
                _(
                    "“%(host)s” leads to %(address)s, which is not an address on "
                    "the internet (private, loopback, link-local, multicast or "
                    "reserved): webhooks are not sent there."
                )
                % {"host": host, "address": refused[0]}
            )
    path = parts.path or "/"
    if parts.query:
        path += "?" + parts.query
    return Target(
        scheme=parts.scheme, host=host, port=port, path=path, address=addresses[0]
    )
