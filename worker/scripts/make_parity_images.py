#!/usr/bin/python3
"""Generates the parity edge cases (worker/src/test/resources/parity/edge/) from the samples.

Each file exercises one rule of MegaDetector's loading (spec §1) or one way an input can be bad:
EXIF 3/6/8 and mirrored orientations, greyscale and RGBA (never rotated), PNG eXIf, sizes that
hit each letterbox branch (16:9, portrait, 1777x1001, 2560x1441's half-even rounding, upscaling,
no resize), other subsamplings and progressive JPEG, TIFF, BMP, 16-bit PNG, refused modes
(palette, CMYK, grey+alpha, 16-bit grey, GIF), truncated and empty files, text and SVG posing
as images, decompression-bomb headers, a 64 KB EXIF block and a malformed one, plus files the
folder scan must skip. Deterministic: the same samples give the same bytes.

Usage: /usr/bin/python3 worker/scripts/make_parity_images.py
"""
import io
import os
import shutil
import struct
import zlib

import cv2
import numpy as np
from PIL import Image

HERE = os.path.dirname(os.path.abspath(__file__))
PARITY = os.path.join(HERE, "..", "src", "test", "resources", "parity")
SAMPLES = os.path.join(PARITY, "samples")
EDGE = os.path.join(PARITY, "edge")


def sample(name):
    return Image.open(os.path.join(SAMPLES, name)).convert("RGB")


def exif_with_orientation(value):
    exif = Image.Exif()
    exif[274] = value
    return exif.tobytes()


def save(image, name, **options):
    path = os.path.join(EDGE, name)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    image.save(path, **options)


def write(name, data):
    path = os.path.join(EDGE, name)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(data)


def huge_exif(orientation):
    """A little-endian TIFF block close to the 64 KB APP1 limit: orientation plus 5000 filler
    entries."""
    filler = 5000
    entries = [struct.pack("<HHII", 274, 3, 1, orientation)]
    entries += [struct.pack("<HHI4s", 0xC000 + i, 7, 4, b"junk") for i in range(filler)]
    ifd = struct.pack("<H", len(entries)) + b"".join(entries) + struct.pack("<I", 0)
    return b"Exif\0\0" + b"II*\0" + struct.pack("<I", 8) + ifd


def malformed_exif():
    """IFD0 offset far outside the block: PIL fails inside MegaDetector's try and keeps the image."""
    return b"Exif\0\0" + b"II*\0" + struct.pack("<I", 0x00FFFFF0) + b"\0" * 16


def png_chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def bomb_png():
    """IHDR for 30000 x 30000 RGB and a few compressed rows: PIL refuses it when opening."""
    ihdr = struct.pack(">IIBBBBB", 30000, 30000, 8, 2, 0, 0, 0)
    rows = zlib.compress(b"\0" * (1 + 30000 * 3) * 2)
    return b"\x89PNG\r\n\x1a\n" + png_chunk(b"IHDR", ihdr) + png_chunk(b"IDAT", rows) + png_chunk(b"IEND", b"")


def bomb_jpeg(small_jpeg):
    """A real small JPEG whose frame header claims 30000 x 30000."""
    data = bytearray(small_jpeg)
    i = 2
    while i < len(data):
        marker = data[i + 1]
        length = struct.unpack(">H", data[i + 2:i + 4])[0]
        if marker in (0xC0, 0xC1, 0xC2):
            data[i + 5:i + 9] = struct.pack(">HH", 30000, 30000)
            return bytes(data)
        i += 2 + length
    raise ValueError("no frame header")


def jpeg_bytes(image, **options):
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", **options)
    return buffer.getvalue()


def main():
    shutil.rmtree(EDGE, ignore_errors=True)
    os.makedirs(EDGE)
    shutil.copy(os.path.join(SAMPLES, "NOTICE"), os.path.join(EDGE, "NOTICE"))

    arc = sample("sample-arc-02.jpg")            # 1920x1440
    safari = sample("sample-snapshotsafari-01.jpg")  # 1999x1500
    croc = sample("sample-crocdocs-05.jpg")      # 800x450
    cheese = sample("sample-sdsucheeseman-02.jpg")  # 2048x1440
    scene = arc.crop((200, 100, 840, 580))       # 640x480

    # EXIF orientation: 3/6/8 rotate natively RGB JPEG and PNG; mirrored ones are ignored.
    for value in (3, 6, 8):
        save(scene, f"exif-{value}.jpg", quality=90, exif=exif_with_orientation(value))
    for value in (2, 5):
        save(scene, f"exif-{value}-mirrored.jpg", quality=90, exif=exif_with_orientation(value))
    save(scene.convert("L"), "grey-exif-6.jpg", quality=90, exif=exif_with_orientation(6))
    small = scene.resize((320, 240), Image.BICUBIC)
    save(small, "rgb-exif-6.png", exif=exif_with_orientation(6))
    rgba = small.copy()
    rgba.putalpha(Image.linear_gradient("L").resize(small.size))
    save(rgba, "rgba-exif-6.png", exif=exif_with_orientation(6))
    save(small.convert("L"), "grey.png")
    write("huge-exif.jpg", jpeg_bytes(scene, quality=85, exif=huge_exif(6)))
    write("malformed-exif.jpg", jpeg_bytes(scene, quality=85, exif=malformed_exif()))

    # Letterbox branches.
    # Large sizes are upscaled from small ones: smooth content keeps the committed files small.
    save(croc.resize((640, 360)).resize((1280, 720), Image.BICUBIC), "hd-1280x720.jpg", quality=60)   # no resize, padded
    save(croc.resize((480, 270)).resize((960, 540), Image.BICUBIC), "wide-960x540.jpg", quality=60)   # 16:9, upscaled
    save(cheese.crop((500, 0, 1580, 1440)).resize((600, 800), Image.BICUBIC), "portrait-600x800.jpg", quality=85)
    save(safari.resize((640, 480)).resize((1777, 1001), Image.BICUBIC), "odd-1777x1001.jpg", quality=50)
    save(safari.resize((640, 480)).resize((2560, 1441), Image.BICUBIC), "odd-2560x1441.jpg", quality=40)
    save(scene.resize((200, 150), Image.BICUBIC), "small-200x150.jpg", quality=90)  # upscaled x6.4

    # Other encodings the decoder must match exactly.
    save(scene, "subsampling-444.jpg", quality=90, subsampling=0)
    save(scene, "subsampling-422.jpg", quality=90, subsampling=1)
    save(scene, "progressive.jpg", quality=85, progressive=True)
    save(scene.resize((240, 180), Image.BICUBIC), "rgb.tif", compression="tiff_adobe_deflate")
    save(scene.resize((160, 120), Image.BICUBIC), "rgb.bmp")
    rgb16 = (np.asarray(scene.resize((160, 120), Image.BICUBIC)).astype(np.uint16) * 257 + 123)
    cv2.imwrite(os.path.join(EDGE, "rgb-16bit.png"), rgb16[:, :, ::-1])
    save(scene, "nested/deeper/upper-case.JPG", quality=85)

    # Truncated: decoded as far as it goes, the rest grey.
    whole = jpeg_bytes(sample("sample-dzf-01.jpg"), quality=90)
    write("truncated.jpg", whole[: len(whole) // 2])

    # Refused by MegaDetector's mode whitelist.
    tiny = scene.resize((96, 72), Image.BICUBIC)
    save(tiny.convert("P"), "palette.png")
    save(tiny.convert("P"), "palette.gif")
    save(tiny.convert("CMYK"), "cmyk.jpg", quality=90)
    save(tiny.convert("LA"), "grey-alpha.png")
    grey16 = (np.asarray(tiny.convert("L")).astype(np.uint16) * 257)
    cv2.imwrite(os.path.join(EDGE, "grey-16bit.png"), grey16)

    # Not images, or not safe to decode.
    write("empty.jpg", b"")
    write("text.jpg", b"This is not a JPEG, just text with a .jpg name.\n")
    write("drawing.png", b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>\n')
    write("bomb.png", bomb_png())
    write("bomb.jpg", bomb_jpeg(jpeg_bytes(scene.resize((64, 48)), quality=80)))

    # Skipped by the folder scan: no image extension, a dot-file, no extension at all.
    write("notes.txt", b"not an image\n")
    save(scene.resize((64, 48)), ".hidden.jpg", quality=80)
    write("README", b"no extension\n")
    print(f"wrote {sum(len(files) for _, _, files in os.walk(EDGE))} files to {os.path.normpath(EDGE)}")


if __name__ == "__main__":
    main()
