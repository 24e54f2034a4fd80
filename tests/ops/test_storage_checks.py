"""A server whose media storage or static files are missing refuses to start (wsgi)."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from verbund.core.observability.storage_checks import check_storage, refuse_misconfiguration

MANIFEST = "whitenoise.storage.CompressedManifestStaticFilesStorage"


def _storages(media_backend, static_backend=MANIFEST):
    return {"default": {"BACKEND": media_backend}, "staticfiles": {"BACKEND": static_backend}}


def test_a_complete_server_starts(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"  # created on the first start
    settings.STATIC_ROOT = tmp_path / "static"
    settings.STATIC_ROOT.mkdir()
    (settings.STATIC_ROOT / "staticfiles.json").write_text("{}")
    settings.STORAGES = _storages("django.core.files.storage.FileSystemStorage")
    assert check_storage() == []
    refuse_misconfiguration()


def test_missing_static_files_and_media_directory_are_refused(settings, tmp_path):
    (tmp_path / "mount").write_text("")  # a file where the shared directory should be
    settings.MEDIA_ROOT = tmp_path / "mount" / "media"
    settings.STATIC_ROOT = tmp_path / "static"
    settings.STORAGES = _storages("django.core.files.storage.FileSystemStorage")
    assert [e.id for e in check_storage()] == ["verbund.E102", "verbund.E103"]
    with pytest.raises(ImproperlyConfigured, match="verbund collectstatic"):
        refuse_misconfiguration()


def test_s3_without_django_storages_is_refused(settings, tmp_path):
    settings.STATIC_ROOT = tmp_path
    (tmp_path / "staticfiles.json").write_text("{}")
    settings.STORAGES = _storages("storages.backends.s3.S3Storage")
    try:
        import storages  # noqa: F401
    except ImportError:
        assert [e.id for e in check_storage()] == ["verbund.E101"]
    else:
        assert check_storage() == []
