"""The clinician's signing identity: a local EC P-256 key pair and a self-issued certificate.

Nothing here writes to disk. ``create_identity`` hands back the certificate (PEM) and the private
key (PKCS#8 DER) as bytes; the caller stores them in the vault (``signing_identity`` table), which is
the only place the private key ever lives. The certificate is self-issued, so it proves that a PDF
was not changed since this key signed it; it does not prove identity to a third party, who can
compare the certificate fingerprint printed by ``verify`` with the one the clinician gives them.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

VALIDITY_YEARS = 10
_X509_NAME_MAX = 64
# Document signing (1.3.6.1.4.1.311.10.3.12) is what Adobe/Acrobat looks for; e-mail protection
# is the other common choice. Both are informative only for a self-issued certificate.
_DOCUMENT_SIGNING_OID = x509.ObjectIdentifier("1.3.6.1.4.1.311.10.3.12")


@dataclass(frozen=True)
class SigningIdentity:
    """A certificate and its private key, as bytes for the vault.

    Attributes:
        cert_pem: The self-issued X.509 certificate, PEM.
        private_key_der: The private key, unencrypted PKCS#8 DER (the vault encrypts it).
    """

    cert_pem: bytes
    private_key_der: bytes

    def certificate(self) -> x509.Certificate:
        return x509.load_pem_x509_certificate(self.cert_pem)

    @property
    def fingerprint(self) -> str:
        """SHA-256 of the certificate, colon-separated hex, for comparing out of band."""
        return certificate_fingerprint(self.certificate())

    @property
    def subject_name(self) -> str:
        names = self.certificate().subject.get_attributes_for_oid(NameOID.COMMON_NAME)
        return str(names[0].value) if names else ""


def certificate_fingerprint(cert: x509.Certificate) -> str:
    digest = hashlib.sha256(cert.public_bytes(serialization.Encoding.DER)).hexdigest().upper()
    return ":".join(digest[i:i + 2] for i in range(0, len(digest), 2))


def create_identity(clinician_name: str, practice_name: str = "", *,
                    now: datetime | None = None) -> SigningIdentity:
    """Create a key pair and a self-issued certificate naming the clinician and practice.

    Args:
        clinician_name: Common name on the certificate (what PDF readers show as signer).
        practice_name: Organisation on the certificate; omitted when empty.
        now: Start of validity (tests pass a fixed time); defaults to the current time.

    Returns:
        The identity; the caller must store ``private_key_der`` only in the vault.
    """
    if not clinician_name.strip():
        raise ValueError("a signing identity needs the clinician's name")
    now = now or datetime.now(timezone.utc)
    key = ec.generate_private_key(ec.SECP256R1())
    # X.509 (RFC 5280 ub-common-name, ub-organization-name) allows 64 characters; the full name
    # still appears on the page, so a longer one is shortened here rather than failing the export.
    attributes = [x509.NameAttribute(NameOID.COMMON_NAME, clinician_name.strip()[:_X509_NAME_MAX])]
    if practice_name.strip():
        attributes.append(x509.NameAttribute(NameOID.ORGANIZATION_NAME, practice_name.strip()[:_X509_NAME_MAX]))
    name = x509.Name(attributes)
    public_key = key.public_key()
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(public_key)
        .serial_number(x509.random_serial_number())
        # Backdate a little so a signature made right away is inside the validity window even
        # if the clock of a reader is slightly behind.
        .not_valid_before(now - timedelta(hours=1))
        .not_valid_after(now + timedelta(days=365 * VALIDITY_YEARS))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True, content_commitment=True, key_cert_sign=False,
                key_encipherment=False, data_encipherment=False, key_agreement=False,
                crl_sign=False, encipher_only=False, decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(
            x509.ExtendedKeyUsage([_DOCUMENT_SIGNING_OID, ExtendedKeyUsageOID.EMAIL_PROTECTION]),
            critical=False,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(public_key), critical=False)
        .sign(key, hashes.SHA256())
    )
    return SigningIdentity(
        cert_pem=cert.public_bytes(serialization.Encoding.PEM),
        private_key_der=key.private_bytes(
            serialization.Encoding.DER,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        ),
    )
