"""What users may upload as a document: an allow-list of types and a size limit.

Checked by extension and by the file's first bytes, so that a renamed program
("protokoll.pdf" that is a Windows .exe) is refused as well as "setup.exe".
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

MAX_DOCUMENT_BYTES = 20 * 1024 * 1024

# Office documents, PDF, plain text and the usual images. No archives (they hide what is
# inside), no SVG or HTML (they can carry scripts), no programs.
DOCUMENT_EXTENSIONS = frozenset(
    [
        "pdf",
        "doc",
        "docx",
        "xls",
        "xlsx",
        "ppt",
        "pptx",
        "odt",
        "ods",
        "odp",
        "rtf",
        "txt",
        "csv",
        "png",
        "jpg",
        "jpeg",
        "gif",
        "webp",
    ]
)
# Files of these kinds must start with their signature.
SIGNATURES = {
    "pdf": (b"%PDF",),
    "png": (b"\x89PNG\r\n\x1a\n",),
    "jpg": (b"\xff\xd8\xff",),
    "jpeg": (b"\xff\xd8\xff",),
    "gif": (b"GIF87a", b"GIF89a"),
    "docx": (b"PK\x03\x04",),
    "xlsx": (b"PK\x03\x04",),
    "pptx": (b"PK\x03\x04",),
    "odt": (b"PK\x03\x04",),
    "ods": (b"PK\x03\x04",),
    "odp": (b"PK\x03\x04",),
}
# Programs and scripts, whatever their name says.
EXECUTABLE_SIGNATURES = (b"MZ", b"\x7fELF", b"#!", b"\xcf\xfa\xed\xfe", b"\xfe\xed\xfa")


def check_document(upload, max_bytes: int = MAX_DOCUMENT_BYTES) -> None:
    """Raise ValidationError (German) unless ``upload`` is an allowed document or image."""
    if upload.size > max_bytes:
        raise ValidationError(
            _("Die Datei ist größer als %(mb)s MB.") % {"mb": max_bytes // (1024 * 1024)}
        )
    extension = upload.name.rsplit(".", 1)[-1].lower() if "." in upload.name else ""
    if extension not in DOCUMENT_EXTENSIONS:
        raise ValidationError(
            _("Dateien dieser Art sind nicht erlaubt. Erlaubt sind: %(types)s.")
            % {"types": ", ".join(sorted(DOCUMENT_EXTENSIONS))}
        )
    position = upload.tell() if hasattr(upload, "tell") else 0
    upload.seek(0)
    head = upload.read(16)
    upload.seek(position)
    if head.startswith(EXECUTABLE_SIGNATURES):
        raise ValidationError(_("Programme und Skripte dürfen nicht hochgeladen werden."))
    expected = SIGNATURES.get(extension)
    if expected and not head.startswith(expected):
        raise ValidationError(
            _("Der Inhalt der Datei passt nicht zur Endung „.%(extension)s“.")
            % {"extension": extension}
        )
