"""Signing and verification: real signatures, real tampering, pyHanko and pypdf reading back."""

from __future__ import annotations

import hashlib
import io
import logging
import re

import pytest
from pypdf import PdfReader, PdfWriter
from pypdf.annotations import FreeText
from pypdf.generic import NameObject, StreamObject
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.status import SignatureCoverageLevel
from pyhanko_certvalidator import ValidationContext

from session_assistant.documents.identity import create_identity
from session_assistant.documents.render import render_pdf
from session_assistant.documents.signing import SIGNATURE_FIELD, sign_pdf
from session_assistant.documents.verify import MODIFIED, NotAPdf, PdfNotSigned, verify, verify_bytes

from doc_samples import progress_note


@pytest.fixture(scope="module")
def identity():
    return create_identity("Σοφία Papadopoulou-Müller", "Harbourview Counselling")


@pytest.fixture(scope="module")
def signed(identity):
    return sign_pdf(render_pdf(progress_note()), identity)


@pytest.fixture(autouse=True)
def quiet_pyhanko():
    # Tampered files make pyHanko log tracebacks; they are expected here.
    logging.disable(logging.CRITICAL)
    yield
    logging.disable(logging.NOTSET)


def _gap(data: bytes) -> tuple[int, int]:
    _, end1, start2, _ = (int(v) for v in re.search(rb"/ByteRange\s*\[([^\]]*)\]", data).group(1).split())
    return end1, start2


def _flip(data: bytes, pos: int, mask: int = 0x01) -> bytes:
    changed = bytearray(data)
    changed[pos] ^= mask
    return bytes(changed)


def test_identity_is_self_issued_p256_naming_clinician_and_practice(identity):
    cert = identity.certificate()
    assert cert.subject == cert.issuer
    assert "Σοφία Papadopoulou-Müller" in cert.subject.rfc4514_string()
    assert "Harbourview Counselling" in cert.subject.rfc4514_string()
    assert cert.public_key().curve.name == "secp256r1"
    assert len(identity.fingerprint.split(":")) == 32


def test_untouched_signed_pdf_verifies_with_signer_and_time(signed, identity, tmp_path):
    path = tmp_path / "note.pdf"
    path.write_bytes(signed.data)
    result = verify(path)
    assert result.ok, result.reason
    assert result.signer == "Σοφία Papadopoulou-Müller (Harbourview Counselling)"
    assert result.signed_at is not None
    assert result.fingerprint == identity.fingerprint
    assert signed.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()


def test_pyhanko_validates_pades_with_whole_file_coverage(signed):
    sig = PdfFileReader(io.BytesIO(signed.data)).embedded_signatures[0]
    status = validate_pdf_signature(sig, ValidationContext(trust_roots=[sig.signer_cert]))
    assert status.intact and status.valid and status.trusted
    assert status.coverage == SignatureCoverageLevel.ENTIRE_FILE
    assert sig.sig_object["/SubFilter"] == "/ETSI.CAdES.detached"
    assert len(sig.signed_data["certificates"]) == 1


def test_pypdf_reads_text_metadata_and_signature_field(signed):
    reader = PdfReader(io.BytesIO(signed.data))
    text = " ".join(page.extract_text() for page in reader.pages)
    assert "Subjective" in text and "Zoë Łukasiewicz" in text
    assert reader.metadata.title == "Progress Note — 2026-11-20"
    assert reader.metadata.author == "Σοφία Papadopoulou-Müller, LCSW"
    fields = reader.get_fields()
    assert fields[SIGNATURE_FIELD]["/FT"] == "/Sig"


def test_flipped_byte_anywhere_is_modified_after_signing(signed):
    data = signed.data
    gap_start, gap_end = _gap(data)
    positions = {0, 1, 5, 100, len(data) // 3, len(data) // 2, gap_start - 1, gap_start, gap_start + 1,
                 gap_start + 2, gap_start + 500, gap_end - 1, gap_end, gap_end + 20, len(data) - 30,
                 len(data) - 2, len(data) - 1}
    positions.update(range(0, len(data), 997))  # a sample across the whole file, stride ~ 1 KB
    for pos in sorted(positions):
        for mask in (0x01, 0x20, 0xFF):
            result = verify_bytes(_flip(data, pos, mask))
            assert not result.ok, (pos, mask)
            assert result.reason.startswith(MODIFIED), (pos, mask, result.reason)


def test_every_part_of_the_signature_contents_is_protected(signed):
    """The /Contents hex lies outside the digest; its characters are checked anyway.

    Every character of the DER headers and of the end of the DER, and every third one between
    (an exhaustive run over all characters passed while developing; this keeps the suite fast).
    """
    data = signed.data
    gap_start, gap_end = _gap(data)
    raw = bytes.fromhex(data[gap_start + 1:gap_end - 1].decode())
    der_hex_end = gap_start + 1 + 2 * len(raw.rstrip(b"\0"))
    positions = set(range(gap_start, gap_start + 120)) | set(range(der_hex_end - 40, der_hex_end + 16))
    positions |= set(range(gap_start, der_hex_end, 3)) | {gap_end - 2, gap_end - 1}
    for pos in sorted(positions):
        assert not verify_bytes(_flip(data, pos)).ok, pos


def test_appended_annotation_with_pypdf_is_modified_after_signing(signed):
    writer = PdfWriter(io.BytesIO(signed.data), incremental=True)
    writer.add_annotation(0, FreeText(text="Approved", rect=(50, 50, 200, 80)))
    out = io.BytesIO()
    writer.write(out)
    tampered = out.getvalue()
    assert tampered.startswith(signed.data)
    result = verify_bytes(tampered)
    assert not result.ok and result.reason.startswith(MODIFIED)


def test_appended_text_change_with_pyhanko_is_modified_after_signing(signed):
    writer = IncrementalPdfFileWriter(io.BytesIO(signed.data))
    page = writer.root["/Pages"]["/Kids"][0]
    from pyhanko.pdf_utils import generic

    stream = generic.StreamObject(stream_data=b"BT /F1 12 Tf 72 72 Td (Diagnosis changed) Tj ET")
    page["/Contents"] = writer.add_object(stream)
    writer.update_container(page)
    out = io.BytesIO()
    writer.write(out)
    result = verify_bytes(out.getvalue())
    assert not result.ok
    assert "modified after signing" in result.reason


def test_second_signature_appended_by_someone_else_is_rejected(signed):
    from pyhanko.sign import fields, signers

    from session_assistant.documents.signing import make_signer

    writer = IncrementalPdfFileWriter(io.BytesIO(signed.data))
    meta = signers.PdfSignatureMetadata(field_name="Second", subfilter=fields.SigSeedSubFilter.PADES)
    out = signers.sign_pdf(writer, meta, signer=make_signer(create_identity("Mallory Example")),
                           new_field_spec=fields.SigFieldSpec(sig_field_name="Second"))
    result = verify_bytes(out.getvalue())
    assert not result.ok and result.reason.startswith(MODIFIED)


def test_truncated_file_is_rejected(signed):
    gap_start, gap_end = _gap(signed.data)
    for cut in (len(signed.data) - 1, len(signed.data) - 200, gap_end + 10, gap_start + 100):
        result = verify_bytes(signed.data[:cut])
        assert not result.ok and result.reason.startswith(MODIFIED), cut
    # Cut before the signature dictionary: nothing says it was ever signed, and it is still refused.
    with pytest.raises(PdfNotSigned):
        verify_bytes(signed.data[:len(signed.data) // 2])


def test_non_pdf_unsigned_and_missing_files_give_clear_errors(tmp_path):
    text = tmp_path / "notes.txt"
    text.write_text("just some text, not a PDF")
    with pytest.raises(NotAPdf):
        verify(text)
    empty = tmp_path / "empty.pdf"
    empty.write_bytes(b"")
    with pytest.raises(NotAPdf):
        verify(empty)
    unsigned = tmp_path / "unsigned.pdf"
    unsigned.write_bytes(render_pdf(progress_note()))
    with pytest.raises(PdfNotSigned):
        verify(unsigned)
    from session_assistant.errors import NotFound

    with pytest.raises(NotFound):
        verify(tmp_path / "absent.pdf")


def test_tampered_files_leave_no_pyhanko_tracebacks_in_logs(signed, caplog):
    logging.disable(logging.NOTSET)
    caplog.set_level(logging.DEBUG)
    # A damaged /SubFilter name makes pyHanko log a traceback when it is not quieted.
    pos = signed.data.index(b"/ETSI.CAdES.detached") + 10
    assert not verify_bytes(_flip(signed.data, pos)).ok
    assert "Traceback" not in caplog.text and not [r for r in caplog.records if r.name.startswith("pyhanko")]
