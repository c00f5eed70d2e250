"""The guard against server-side request forgery, on saving and at delivery."""

import pytest

from consultation.webhooks.addresses import UnsafeAddress, is_public, resolve
from consultation.webhooks.enums import DeliveryStatus
from consultation.webhooks.services import deliver_due, emit

REFUSED = [
    ("127.0.0.1", "loopback"),
    ("127.8.9.10", "loopback, anywhere in 127/8"),
    ("10.1.2.3", "private"),
    ("172.16.0.1", "private"),
    ("192.168.1.1", "private"),
    ("100.64.0.1", "shared address space (carrier NAT)"),
    ("169.254.169.254", "link-local: the cloud's metadata service"),
    ("0.0.0.0", "unspecified"),  # noqa: S104 - an address under test, not bound
    ("224.0.0.1", "multicast"),
    ("240.0.0.1", "reserved"),
    ("255.255.255.255", "broadcast"),
    ("192.0.2.10", "documentation (TEST-NET-1)"),
    ("198.18.0.1", "benchmarking"),
    ("::1", "IPv6 loopback"),
    ("::", "IPv6 unspecified"),
    ("fc00::1", "IPv6 unique local"),
    ("fd12:3456::1", "IPv6 unique local"),
    ("fe80::1", "IPv6 link-local"),
    ("fe80::1%eth0", "IPv6 link-local with a zone"),
    ("fec0::1", "IPv6 site-local (deprecated)"),
    ("ff02::1", "IPv6 multicast"),
    ("::ffff:127.0.0.1", "IPv4-mapped loopback"),
    ("::ffff:10.0.0.1", "IPv4-mapped private"),
    ("::ffff:169.254.169.254", "IPv4-mapped link-local"),
    ("2002:7f00:1::1", "6to4 of 127.0.0.1"),
    ("2002:a9fe:a9fe::1", "6to4 of 169.254.169.254"),
    ("64:ff9b::a00:1", "NAT64 of 10.0.0.1"),
    ("64:ff9b::7f00:1", "NAT64 of 127.0.0.1"),
    ("2001:0:4136:e378:8000:63bf:3fff:fdd2", "Teredo"),
    ("2001:db8::1", "IPv6 documentation"),
]

ALLOWED = [
    ("8.8.8.8", "a public IPv4 address"),
    ("93.184.215.14", "a public IPv4 address"),
    ("2606:4700:4700::1111", "a public IPv6 address"),
    ("::ffff:8.8.8.8", "IPv4-mapped public"),
    ("2002:808:808::1", "6to4 of a public address"),
    ("64:ff9b::808:808", "NAT64 of a public address"),
]


@pytest.mark.parametrize(("address", "kind"), REFUSED)
def test_addresses_not_on_the_internet_are_refused(address, kind, settings):
    settings.WEBHOOKS_ALLOW_PRIVATE_ADDRESSES = False
    assert not is_public(address), kind


@pytest.mark.parametrize(("address", "kind"), ALLOWED)
def test_addresses_on_the_internet_are_allowed(address, kind):
    assert is_public(address), kind


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:8000/hooks",
        "http://localhost/hooks",
        "https://[::1]/hooks",
        "https://[::ffff:127.0.0.1]/hooks",
        "http://169.254.169.254/latest/meta-data/",
        "http://2130706433/",  # 127.0.0.1 written as one number
        "http://0x7f.1/",  # and in hexadecimal
    ],
)
def test_a_url_leading_to_a_private_address_is_refused(url, settings):
    settings.WEBHOOKS_ALLOW_PRIVATE_ADDRESSES = False

    with pytest.raises(UnsafeAddress, match="not an address on the internet"):
        resolve(url)


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("ftp://93.184.215.14/", "starting with http:// or https://"),
        ("file:///etc/passwd", "starting with http:// or https://"),
        ("http://user:secret@93.184.215.14/", "user name or password"),
        ("http://93.184.215.14:port/", "port is not a number"),
        ("http://no-such-host.invalid/", "could not be found"),
    ],
)
def test_other_addresses_that_cannot_be_called_are_refused(url, message):
    with pytest.raises(UnsafeAddress, match=message):
        resolve(url)


def test_a_public_address_resolves_to_itself_with_its_path_and_query():
    target = resolve("https://93.184.215.14:8443/hooks?meeting=rc")

    assert (target.scheme, target.host, target.port) == ("https", "93.184.215.14", 8443)
    assert (target.address, target.path) == ("93.184.215.14", "/hooks?meeting=rc")


def test_the_setting_allows_private_addresses_for_tests_and_intranets(settings):
    settings.WEBHOOKS_ALLOW_PRIVATE_ADDRESSES = True

    assert resolve("http://127.0.0.1:8000/hooks").address == "127.0.0.1"


@pytest.mark.django_db
def test_an_endpoint_that_leads_to_a_private_address_by_delivery_time_is_refused(
    meeting, endpoint, receiver, settings
):
    # Saved while allowed (or while its DNS said otherwise); refused when sent.
    settings.WEBHOOKS_ALLOW_PRIVATE_ADDRESSES = False
    (delivery,) = emit(meeting=meeting, event="check_in.created", data={})

    assert deliver_due([delivery.pk])["given_up"] == 1

    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.GIVEN_UP
    assert "not an address on the internet" in delivery.last_error
    assert receiver.received == []
    endpoint.refresh_from_db()
    assert endpoint.consecutive_failures == 1
