"""Check that a signed PDF is exactly what the clinician signed.

Trust is local: the signer's self-issued certificate embedded in the file is taken as its own trust
anchor, so a pass means "this file is byte-for-byte what the holder of this key signed", not "a
certificate authority vouches for this person". The certificate fingerprint is reported so a
recipient can compare it with the one the clinician gives them.

A file passes only if all of these hold:

* it has exactly one signature, cryptographically intact and valid under that local trust;
* the signature covers the entire file (``SignatureCoverageLevel.ENTIRE_FILE``), so any appended
  incremental update, even a harmless-looking annotation, is "modified after signing";
* pyHanko's difference analysis reports no modification and DocMDP is respected;
* the unsigned gap (the ``/Contents`` hex string) is in canonical form: upper-case hex of the DER
  signature followed only by zero padding, so even a flipped byte outside the digest is caught.
"""

from __future__ import annotations

import io
import logging
import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from pyhanko.pdf_utils.crypt import AuthStatus
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.status import SignatureCoverageLevel
from pyhanko_certvalidator import ValidationContext

from session_assistant.documents.identity import certificate_fingerprint
from session_assistant.errors import NotFound, UserError, WrongPassphrase

MODIFIED = "modified after signing"
_BYTE_RANGE = re.compile(rb"/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]")
_CANONICAL_GAP = re.compile(rb"<[0-9A-F]+>")
_SIGNATURE_MARKERS = (b"/ByteRange", b"/ETSI.CAdES.detached", b"/Adobe.PPKLite", b"ClinicianSignature")


class NotAPdf(UserError):
    """The file is not a PDF at all (as opposed to a damaged or altered one)."""


class PdfNotSigned(UserError):
    """A readable PDF with no signature in it."""


@dataclass(frozen=True)
class VerificationResult:
    """Outcome of checking one file.

    Attributes:
        ok: True only if every check passed.
        reason: Why it failed ("modified after signing: ..."), or "intact" when ok.
        signer: Common name (and organisation) on the signing certificate, if it could be read.
        signed_at: Signing time as claimed by the signer (no timestamp authority is used offline).
        fingerprint: SHA-256 of the signing certificate, for comparison out of band.
    """

    ok: bool
    reason: str
    signer: str = ""
    signed_at: datetime | None = None
    fingerprint: str = ""


def verify(path: Path | str, password: str | None = None) -> VerificationResult:
    """Verify a signed PDF on disk.

    Args:
        path: The PDF to check.
        password: The password of an encrypted (shared) copy, if it is one.

    Returns:
        The result; tampering is a failed result, not an exception.

    Raises:
        NotFound: There is no such file.
        NotAPdf: The file is not a PDF.
        PdfNotSigned: The PDF carries no signature.
    """
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise NotFound("No such file to verify.") from None
    except IsADirectoryError:
        raise NotAPdf("That is a folder, not a PDF file.") from None
    return verify_bytes(data, password=password)


def verify_bytes(data: bytes, password: str | None = None) -> VerificationResult:
    """Verify signed PDF bytes; see ``verify``."""
    # pyHanko logs tracebacks (quoting bytes of the file) for every damaged input; a verdict is
    # all the caller needs, so its loggers are quieted for the duration of the check.
    pyhanko_log = logging.getLogger("pyhanko")
    previous = pyhanko_log.level
    pyhanko_log.setLevel(logging.CRITICAL)
    try:
        return _verify_bytes(data, password)
    finally:
        pyhanko_log.setLevel(previous)


def _verify_bytes(data: bytes, password: str | None) -> VerificationResult:
    # Several independent markers, so that one flipped byte cannot make a signed file look unsigned.
    looks_signed = any(marker in data for marker in _SIGNATURE_MARKERS)
    if b"%PDF-" not in data[:1024] and not looks_signed:
        raise NotAPdf("The file is not a PDF.")
    if not looks_signed:
        raise PdfNotSigned("The PDF carries no signature.")
    try:
        reader = PdfFileReader(io.BytesIO(data), strict=False)
        if reader.encrypted:
            if password is None:
                raise UserError("The PDF is encrypted; give its passphrase to verify it.")
            if reader.decrypt(password).status == AuthStatus.FAILED:
                raise WrongPassphrase("The passphrase does not open this PDF.")
        signatures = reader.embedded_signatures
    except UserError:
        raise
    except Exception as error:  # noqa: BLE001 - a signed file that no longer parses was altered
        return VerificationResult(False, f"{MODIFIED}: the file structure is damaged ({type(error).__name__})")
    if not signatures:
        return VerificationResult(False, f"{MODIFIED}: the signature dictionary is damaged")
    if len(signatures) > 1:
        return VerificationResult(False, f"{MODIFIED}: another signature was appended")
    return _check_signature(data, signatures[0])


def _check_signature(data: bytes, sig) -> VerificationResult:
    signer, fingerprint = "", ""
    try:
        cert = sig.signer_cert
        signer = _describe(cert)
        fingerprint = certificate_fingerprint(_to_cryptography(cert))
        context = ValidationContext(trust_roots=[cert], allow_fetching=False)
        status = validate_pdf_signature(sig, context)
    except Exception as error:  # noqa: BLE001 - any failure to parse the signature is tampering
        return VerificationResult(False, f"{MODIFIED}: the signature cannot be read ({type(error).__name__})",
                                  signer, None, fingerprint)
    signed_at = status.signer_reported_dt
    problem = (_status_problem(status) or _container_problem(sig.signed_data)
               or _certificate_problem(cert) or _gap_problem(data))
    if problem:
        return VerificationResult(False, f"{MODIFIED}: {problem}", signer, signed_at, fingerprint)
    return VerificationResult(True, "intact", signer, signed_at, fingerprint)


def _status_problem(status) -> str:
    if not status.intact:
        return "the signed bytes do not match the signature"
    if not status.valid:
        return "the signature is not valid for the embedded certificate"
    if status.coverage != SignatureCoverageLevel.ENTIRE_FILE:
        return "content was appended after the signature"
    level = status.modification_level
    if level is not None and level.name != "NONE":
        return "the document was changed after the signature"
    if status.docmdp_ok is False:
        return "the document was changed against its permissions"
    return ""


def _container_problem(signed_data) -> str:
    """Fields of the CMS container that the signature does not authenticate must hold what we write.

    Without this, a second certificate copy or an extra digest algorithm could be changed freely.
    """
    try:
        certs = signed_data["certificates"]
        infos = signed_data["signer_infos"]
        if len(certs) != 1 or len(infos) != 1:
            return "the signature container holds unexpected entries"
        if signed_data["crls"].native not in (None, []):
            return "the signature container holds unexpected entries"
        info = infos[0]
        if signed_data["version"].native != "v1" or info["version"].native != "v1":
            return "the signature container was altered"
        if info["unsigned_attrs"].native not in (None, []):
            return "the signature container holds unexpected entries"
        if [a.native for a in signed_data["digest_algorithms"]] != [info["digest_algorithm"].native]:
            return "the signature container was altered"
        encap = signed_data["encap_content_info"]
        if encap["content_type"].native != "data" or encap["content"].native is not None:
            return "the signature container was altered"
    except Exception:  # noqa: BLE001 - unparseable container fields mean tampering
        return "the signature container was altered"
    return ""


def _certificate_problem(cert) -> str:
    """The embedded certificate is outside the signed attributes; it must still be self-consistent."""
    try:
        parsed = _to_cryptography(cert)
        parsed.verify_directly_issued_by(parsed)
    except Exception:  # noqa: BLE001 - a certificate that no longer verifies was altered
        return "the embedded certificate was altered"
    return ""


def _gap_problem(data: bytes) -> str:
    """The /Contents gap is outside the digest, so check its form ourselves."""
    ranges = _BYTE_RANGE.findall(data)
    if len(ranges) != 1:
        return "the signed byte range is missing or repeated"
    start1, len1, start2, len2 = (int(v) for v in ranges[0])
    if start1 != 0 or start2 + len2 != len(data) or start2 <= len1:
        return "the signed byte range does not span the file"
    gap = data[len1:start2]
    if not _CANONICAL_GAP.fullmatch(gap):
        return "the signature container was altered"
    raw = bytes.fromhex(gap[1:-1].decode("ascii"))
    used = _der_length(raw)
    if used is None or any(raw[used:]):
        return "the signature container was altered"
    # Strict DER framing: lenient parsers skip stray bytes inside a sequence (e.g. after a length
    # was enlarged), which would otherwise go unnoticed.
    if not _strict_der(raw, 0, used):
        return "the signature container was altered"
    return ""


def _strict_der(buf: bytes, start: int, end: int, depth: int = 0) -> bool:
    """Every element's children exactly fill it, with minimal lengths and no end-of-content tags."""
    if depth > 32:
        return False
    pos = start
    while pos < end:
        tag = buf[pos]
        if tag == 0 or tag & 0x1F == 0x1F or pos + 1 >= end:
            return False
        first = buf[pos + 1]
        pos += 2
        if first < 0x80:
            length = first
        else:
            count = first & 0x7F
            if count == 0 or count > 4 or pos + count > end or buf[pos] == 0:
                return False
            length = int.from_bytes(buf[pos:pos + count], "big")
            if length < 0x80:
                return False
            pos += count
        if pos + length > end:
            return False
        if tag & 0x20 and not _strict_der(buf, pos, pos + length, depth + 1):
            return False
        pos += length
    return pos == end


def _der_length(raw: bytes) -> int | None:
    """Total length of the DER element at the start of ``raw`` (header included)."""
    if len(raw) < 2 or raw[0] != 0x30:
        return None
    first = raw[1]
    if first < 0x80:
        return 2 + first
    count = first & 0x7F
    if count == 0 or count > 4 or len(raw) < 2 + count:
        return None
    length = int.from_bytes(raw[2:2 + count], "big")
    total = 2 + count + length
    return total if total <= len(raw) else None


def _describe(cert) -> str:
    native = cert.subject.native
    name = native.get("common_name", "")
    org = native.get("organization_name", "")
    return f"{name} ({org})" if org else name


def _to_cryptography(cert):
    from cryptography import x509

    return x509.load_der_x509_certificate(cert.dump())
