"""Image files for upload tests, made in memory with Pillow."""

import io
import struct
import zlib

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

GPS_IFD = 0x8825


def image_bytes(fmt="JPEG", size=(400, 500), color="navy", mode="RGB", exif=None):
    image = Image.new(mode, size, color)
    output = io.BytesIO()
    options = {"exif": exif} if exif is not None else {}
    image.save(output, format=fmt, **options)
    return output.getvalue()


def upload(content, name="photo.jpg", content_type="image/jpeg"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def exif_with_gps_and_camera():
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    exif[0x0110] = "Model X"  # Model
    exif[0x0112] = 6  # Orientation: rotate 90° to be upright
    exif.get_ifd(GPS_IFD).update({1: "N", 2: (13.0, 45.0, 0.0), 3: "E"})
    return exif


def png_header_only(width, height):
    """A PNG that declares a size but holds no pixels: what a decompression bomb
    looks like to a parser that reads only the header."""

    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IEND", b"")


PDF_BYTES = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)


def png_html_polyglot():
    """A genuine PNG that a browser sniffing it would also read as an HTML page."""
    return image_bytes("PNG") + b"<html><script>alert(document.cookie)</script></html>"


def truncated_jpeg():
    """A JPEG cut short: its header reads, its pixels stop part-way."""
    noisy = Image.effect_noise((800, 1000), 64).convert("RGB")
    output = io.BytesIO()
    noisy.save(output, format="JPEG", quality=90)
    content = output.getvalue()
    return content[: len(content) // 2]


# What the campaign uploaded through the admin: (name, bytes, message).
def hostile_photos():
    return [
        ("cut.jpg", truncated_jpeg(), "damaged or incomplete"),
        ("big.jpg", b"\xff\xd8\xff" + b"\0" * (6 * 1024 * 1024), "too large"),
        ("huge.png", png_header_only(10_000, 8_000), "too many pixels"),
        ("photo.bmp", image_bytes("BMP"), "This is a BMP image"),
        ("photo.gif", image_bytes("GIF"), "This is a GIF image"),
        ("photo.tiff", image_bytes("TIFF"), "This is a TIFF image"),
        ("photo.ico", image_bytes("ICO", size=(128, 128)), "This is a ICO image"),
        ("photo.png", png_html_polyglot(), "carries HTML or script"),
    ]
