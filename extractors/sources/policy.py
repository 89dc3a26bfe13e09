"""The address policy: only public addresses may be reached (loopback, private, link-local, CGNAT,
multicast, reserved, documentation, unspecified, and IPv6 forms embedding them are refused)."""
from __future__ import annotations

import ipaddress





_NETS = {
    "unspecified": ("0.0.0.0/8", "::/128"),
    "loopback": ("127.0.0.0/8", "::1/128"),
    "private": ("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "fc00::/7"),
    "shared (CGNAT)": ("100.64.0.0/10",),
    "link-local": ("169.254.0.0/16", "fe80::/10"),
    "site-local": ("fec0::/10",),
    "multicast": ("224.0.0.0/4", "ff00::/8"),
    "reserved": (
        "192.0.0.0/24", "192.88.99.0/24", "198.18.0.0/15", "240.0.0.0/4", "::/96",
        "100::/64", "2001::/23", "64:ff9b:1::/48",
    ),
    "documentation": (
        "192.0.2.0/24", "198.51.100.0/24", "203.0.113.0/24", "2001:db8::/32", "3fff::/20",
    ),
}
_BLOCKED = tuple(
    (label, ipaddress.ip_network(net)) for label, nets in _NETS.items() for net in nets
)
_NAT64 = ipaddress.ip_network("64:ff9b::/96")


def address_problem(address: str, *, allow_loopback: bool = False) -> str | None:
    """Why `address` (an IP literal) must not be contacted, or None when it is public.

    `allow_loopback` (tests only) lets exactly 127.0.0.1 through."""
    try:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
    except ValueError:
        return f"not an IP address: {address}"
    if allow_loopback and ip == ipaddress.IPv4Address("127.0.0.1"):
        return None
    if isinstance(ip, ipaddress.IPv6Address):
        embedded = ip.ipv4_mapped or ip.sixtofour
        if embedded is None and ip in _NAT64:
            embedded = ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
        if embedded is not None:
            inner = address_problem(str(embedded))  # never loopback-allowed through a wrapper
            return None if inner is None else f"{inner} (embedded in {ip})"
    for label, net in _BLOCKED:
        if ip.version == net.version and ip in net:
            return label
    if ip.is_multicast:
        return "multicast"
    if not ip.is_global or ip.is_reserved or ip.is_unspecified:
        return "not globally routable"
    return None
