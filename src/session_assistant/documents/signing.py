"""Sign a PDF with the clinician's identity: a PAdES baseline (B-B) signature via pyHanko.

The signature is invisible (readers show it in their signature panel) and covers the whole file.
The SHA-256 of the signed bytes is returned so the vault and the audit trail can record exactly
what left the computer.
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass

from asn1crypto import keys as asn1_keys
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import fields, signers
from pyhanko.sign.fields import SigSeedSubFilter
from pyhanko_certvalidator.registry import SimpleCertificateStore

from session_assistant.documents.identity import SigningIdentity

SIGNATURE_FIELD = "ClinicianSignature"


@dataclass(frozen=True)
class SignedPdf:
    """Signed PDF bytes and their SHA-256 (hex), the value the audit trail records."""

    data: bytes
    sha256: str


def make_signer(identity: SigningIdentity) -> signers.SimpleSigner:
    """An in-memory pyHanko signer; the key never touches the disk."""
    cert_der = x509.load_pem_x509_certificate(identity.cert_pem).public_bytes(serialization.Encoding.DER)
    cert = asn1_x509.Certificate.load(cert_der)
    key = asn1_keys.PrivateKeyInfo.load(identity.private_key_der)
    # The certificate is embedded once, as the signer's. Embedding it again "as the root" would
    # leave an unauthenticated second copy in the file that a verifier might quietly prefer.
    return signers.SimpleSigner(
        signing_cert=cert,
        signing_key=key,
        cert_registry=SimpleCertificateStore(),
        embed_roots=False,
    )


def sign_pdf(pdf: bytes, identity: SigningIdentity, *, reason: str = "Clinical record signed by the author",
             location: str = "", user_password: str | None = None) -> SignedPdf:
    """Append a PAdES signature covering the whole document.

    Args:
        pdf: The unsigned PDF.
        identity: The clinician's certificate and key.
        reason: Shown by PDF readers in the signature details.
        location: Optional place of signing (e.g. the practice's town).
        user_password: For an encrypted PDF, its password, so the signature can be added to it.

    Returns:
        The signed PDF and its SHA-256.
    """
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False)
    if user_password is not None:
        writer.encrypt(user_password)
    meta = signers.PdfSignatureMetadata(
        field_name=SIGNATURE_FIELD,
        subfilter=SigSeedSubFilter.PADES,
        md_algorithm="sha256",
        reason=reason,
        location=location or None,
        name=identity.subject_name or None,
    )
    out = signers.sign_pdf(
        writer, meta, signer=make_signer(identity),
        new_field_spec=fields.SigFieldSpec(sig_field_name=SIGNATURE_FIELD),
    )
    data = out.getvalue()
    return SignedPdf(data=data, sha256=hashlib.sha256(data).hexdigest())
