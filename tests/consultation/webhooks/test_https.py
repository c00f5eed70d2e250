"""HTTPS receivers: the certificate is checked for the host name, at the address
the guard checked (a local CA of the test's own, as an intranet's would be)."""

import datetime
import ssl
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from consultation.webhooks.addresses import Target
from consultation.webhooks.services import post


def _name(common_name):
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)])


def _certificate(subject, issuer, key, signing_key, *, ca, host=None):
    now = datetime.datetime.now(datetime.UTC)
    builder = (
        x509.CertificateBuilder()
        .subject_name(_name(subject))
        .issuer_name(_name(issuer))
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
    )
    if host:
        builder = builder.add_extension(
            x509.SubjectAlternativeName([x509.DNSName(host)]), critical=False
        )
    return builder.sign(signing_key, hashes.SHA256())


@pytest.fixture
def https_receiver(tmp_path, settings):
    """An HTTPS server on 127.0.0.1 for "hooks.intranet.test", signed by a local CA."""
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca = _certificate("Test CA", "Test CA", ca_key, ca_key, ca=True)
    key = ec.generate_private_key(ec.SECP256R1())
    certificate = _certificate(
        "hooks.intranet.test",
        "Test CA",
        key,
        ca_key,
        ca=False,
        host="hooks.intranet.test",
    )
    (tmp_path / "ca.pem").write_bytes(ca.public_bytes(serialization.Encoding.PEM))
    (tmp_path / "server.pem").write_bytes(
        certificate.public_bytes(serialization.Encoding.PEM)
        + key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    settings.WEBHOOKS_CA_BUNDLE = str(tmp_path / "ca.pem")
    settings.WEBHOOKS_TIMEOUT_SECONDS = 2
    received = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):  # noqa: N802 - http.server's name
            received.append(
                (
                    self.headers["Host"],
                    self.rfile.read(int(self.headers["Content-Length"])),
                )
            )
            self.send_response(204)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = HTTPServer(("127.0.0.1", 0), Handler)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(tmp_path / "server.pem")
    server.socket = context.wrap_socket(server.socket, server_side=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    server.received = received
    yield server
    server.shutdown()
    server.server_close()


def target(server, host):
    return Target(
        scheme="https",
        host=host,
        port=server.server_address[1],
        path="/hooks",
        address="127.0.0.1",
    )


def test_an_https_receiver_is_reached_at_the_checked_address_by_its_name(
    https_receiver,
):
    status, _excerpt, _location = post(
        target(https_receiver, "hooks.intranet.test"), headers={}, body=b"{}"
    )

    assert status == 204
    ((host, body),) = https_receiver.received
    assert host.startswith("hooks.intranet.test")
    assert body == b"{}"


def test_a_certificate_for_another_name_is_refused(https_receiver):
    with pytest.raises(ssl.SSLCertVerificationError, match="Hostname mismatch"):
        post(target(https_receiver, "other.intranet.test"), headers={}, body=b"{}")

    assert https_receiver.received == []


def test_a_certificate_of_an_unknown_ca_is_refused(https_receiver, settings):
    settings.WEBHOOKS_CA_BUNDLE = ""  # the system's CAs only

    with pytest.raises(ssl.SSLCertVerificationError, match="certificate verify failed"):
        post(target(https_receiver, "hooks.intranet.test"), headers={}, body=b"{}")
