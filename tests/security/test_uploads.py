"""Uploaded files are served so that none of them can run as a page of the site."""

import pytest


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    (tmp_path / "photos").mkdir()
    return tmp_path


def put(media_root, name, content):
    (media_root / name).write_bytes(content)
    return f"/media/{name}"


def test_uploaded_html_is_sent_as_a_download_that_cannot_run(client, media_root):
    url = put(media_root, "photos/evil.html", b"<script>alert(1)</script>")

    response = client.get(url)

    assert b"".join(response.streaming_content) == b"<script>alert(1)</script>"
    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"] == "attachment"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"


def test_uploaded_svg_is_not_rendered_as_an_image(client, media_root):
    url = put(media_root, "photos/badge.svg", b"<svg onload='alert(1)'/>")

    response = client.get(url)

    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"] == "attachment"


def test_html_disguised_as_a_photo_is_not_sniffed(client, media_root):
    url = put(media_root, "photos/photo.jpg", b"<html><script>alert(1)</script>")

    response = client.get(url)

    assert response["Content-Type"] == "image/jpeg"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"


def test_photo_is_shown_inline_as_an_image(client, media_root):
    url = put(media_root, "photos/photo.PNG", b"\x89PNG\r\n\x1a\n")

    response = client.get(url)

    assert response["Content-Type"] == "image/png"
    assert response["Content-Disposition"] == "inline"


def test_pdf_letter_is_downloaded_not_opened_in_the_site(client, media_root):
    url = put(media_root, "photos/letter.pdf", b"%PDF-1.4")

    response = client.get(url)

    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == "attachment"


def test_path_outside_the_media_folder_is_not_served(client, media_root):
    response = client.get("/media/../consultation/settings.py")

    assert response.status_code == 404
