"""A real SAML 2.0 identity provider for the tests: pysaml2's `Server`, with a key pair and a
certificate made at test time, signing the assertions it issues."""

import base64
import datetime
import shutil
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID
from saml2 import BINDING_HTTP_POST, BINDING_HTTP_REDIRECT
from saml2.authn_context import PASSWORDPROTECTEDTRANSPORT
from saml2.config import IdPConfig
from saml2.saml import NAMEID_FORMAT_PERSISTENT, NameID
from saml2.server import Server
from saml2.xmldsig import DIGEST_SHA1, DIGEST_SHA256, SIG_RSA_SHA1, SIG_RSA_SHA256

ENTITY_ID = "https://idp.acme.example/saml"
SSO_URL = "https://idp.acme.example/saml/sso"


def make_certificate(directory: Path, name: str) -> tuple[Path, Path]:
    """A self-signed RSA certificate and its private key, as PEM files in `directory`."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
    now = datetime.datetime.now(datetime.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=30))
        .sign(key, hashes.SHA256())
    )
    key_file, cert_file = directory / f"{name}.key", directory / f"{name}.crt"
    key_file.write_bytes(
        key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    )
    cert_file.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    return key_file, cert_file


def certificate_body(cert_file: Path) -> str:
    """The base64 body of a PEM certificate, as SAML settings and metadata carry it."""
    return "".join(line for line in cert_file.read_text().splitlines() if "CERTIFICATE" not in line)


class IdentityProvider:
    """Issues signed responses to the portal's AuthnRequests, as an enterprise IdP would."""

    def __init__(self, key_file: Path, cert_file: Path, sp_metadata: str, *, lifetime_minutes: int = 5):
        config = IdPConfig()
        config.load(
            {
                "entityid": ENTITY_ID,
                "key_file": str(key_file),
                "cert_file": str(cert_file),
                "xmlsec_binary": shutil.which("xmlsec1"),
                "metadata": {"inline": [sp_metadata]},
                "service": {
                    "idp": {
                        "endpoints": {"single_sign_on_service": [(SSO_URL, BINDING_HTTP_REDIRECT)]},
                        "name_id_format": [NAMEID_FORMAT_PERSISTENT],
                        "policy": {"default": {"lifetime": {"minutes": lifetime_minutes}}},
                    }
                },
            }
        )
        self.server = Server(config=config)

    def respond(self, authn_request: str, **options) -> str:
        """The base64 SAMLResponse answering the redirect-bound `authn_request` (options: see `issue`)."""
        request = self.server.parse_authn_request(authn_request, BINDING_HTTP_REDIRECT).message
        return self.issue(request.issuer.text, request.assertion_consumer_service_url, request.id, **options)

    def issue(
        self,
        sp_entity_id: str,
        acs_url: str,
        in_response_to: str | None = None,
        *,
        name_id: str,
        attributes: dict[str, list[str]],
        audience: str | None = None,
        name_id_format: str = NAMEID_FORMAT_PERSISTENT,
        sha1: bool = False,
        assertion_signed: bool = True,
    ) -> str:
        """A base64 SAMLResponse for the SP `sp_entity_id`, unsolicited (IdP-initiated) without
        `in_response_to`; its assertion signed (or, if not `assertion_signed`, only the response)."""
        response = self.server.create_authn_response(
            identity=attributes,
            in_response_to=in_response_to,
            destination=acs_url,
            sp_entity_id=audience or sp_entity_id,
            name_id=NameID(format=name_id_format, sp_name_qualifier=sp_entity_id, text=name_id),
            authn={"class_ref": PASSWORDPROTECTEDTRANSPORT},
            sign_assertion=assertion_signed,
            sign_response=not assertion_signed,
            sign_alg=SIG_RSA_SHA1 if sha1 else SIG_RSA_SHA256,
            digest_alg=DIGEST_SHA1 if sha1 else DIGEST_SHA256,
            binding=BINDING_HTTP_POST,
        )
        return base64.b64encode(str(response).encode()).decode()
