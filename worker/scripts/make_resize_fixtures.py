#!/usr/bin/python3
"""Fixtures proving that the Java LinearResize is OpenCV's INTER_LINEAR, pixel for pixel.

Each case is a noise image generated from (width, height, seed) by a counter-based hash that
NoiseImage.java reproduces, resized by cv2.resize(..., INTER_LINEAR); the fixture keeps only the
SHA-256 of OpenCV's output, so large real-world sizes cost nothing to commit.

Usage: /usr/bin/python3 worker/scripts/make_resize_fixtures.py
       (writes worker/src/test/resources/resize/cv2-linear.json)
"""
import hashlib
import json
import os

import cv2
import numpy as np

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "src", "test", "resources", "resize",
                   "cv2-linear.json")

# Real letterbox resizes (MegaDetector at 1280, stride 64), exact halvings, upscales, edge sizes.
NAMED = [
    (1920, 1440, 1280, 960), (2048, 1440, 1280, 900), (800, 548, 1280, 877), (800, 450, 1280, 720),
    (1999, 1500, 1280, 960), (1405, 988, 1280, 900), (1777, 1001, 1280, 721), (2560, 1441, 1280, 720),
    (2560, 1440, 1280, 720), (2560, 1920, 1280, 960), (640, 480, 1280, 960), (4000, 3000, 1280, 960),
    (5472, 3648, 1280, 853), (1536, 2048, 960, 1280), (1001, 1777, 721, 1280), (200, 150, 1280, 960),
    (1280, 721, 1280, 720), (3, 2, 1, 1), (1, 1, 5, 3), (2, 2, 1, 1), (7, 5, 2, 1), (5, 1, 2, 1),
]


def noise(width, height, seed):
    """Byte i of the H×W×3 image: a 32-bit integer hash of (i, seed)."""
    i = np.arange(width * height * 3, dtype=np.uint64)
    x = (i * np.uint64(0x9E3779B1) + np.uint64(seed) * np.uint64(0x85EBCA77)) & np.uint64(0xFFFFFFFF)
    x ^= x >> np.uint64(15)
    x = (x * np.uint64(0x2C1B3C6D)) & np.uint64(0xFFFFFFFF)
    x ^= x >> np.uint64(12)
    x = (x * np.uint64(0x297A2D39)) & np.uint64(0xFFFFFFFF)
    x ^= x >> np.uint64(15)
    return (x & np.uint64(0xFF)).astype(np.uint8).reshape(height, width, 3)


def main():
    rng = np.random.default_rng(7)
    cases = list(NAMED)
    for _ in range(150):
        w, h = (int(v) for v in rng.integers(1, 200, 2))
        dw, dh = (int(v) for v in rng.integers(1, 260, 2))
        cases.append((w, h, dw, dh))
    out = []
    for n, (w, h, dw, dh) in enumerate(cases):
        seed = n + 1
        resized = cv2.resize(noise(w, h, seed), (dw, dh), interpolation=cv2.INTER_LINEAR)
        out.append({"width": w, "height": h, "seed": seed, "resized_width": dw, "resized_height": dh,
                    "sha256": hashlib.sha256(np.ascontiguousarray(resized).tobytes()).hexdigest()})
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w") as f:
        json.dump({"opencv": cv2.__version__, "cases": out}, f, indent=1)
        f.write("\n")
    print(f"{len(out)} cases -> {os.path.normpath(OUT)}")


if __name__ == "__main__":
    main()
