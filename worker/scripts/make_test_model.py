#!/usr/bin/python3
"""Builds the small test model (models/testing/) with MegaDetector v5's TorchScript contract.

Deterministic weights: a seeded random 6-level convolutional backbone, normalised to unit
activations, then a detection head whose objectness is pushed down so that only the strongest
responses pass MegaDetector's 0.005 threshold (a spread of 0 to ~100 detections per photo, with
confidences from 0.005 to near 1, across all three classes).

Usage: /usr/bin/python3 worker/scripts/make_test_model.py [OUTPUT_DIR]   (default models/testing)
"""
import os
import sys

import torch
from torch import nn

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import mdnet  # noqa: E402

NAME = "biotrack-test-md.torchscript"
SEED = 20250611
# Objectness logit per level (strides 8..64): OBJ_SCALE * z + OBJ_BIAS, where z is the head's
# normalised response. Tuned once on the sample photos so that the top 0.1 % of rows sit near
# the 0.005 threshold and the strongest reach confidences near 1.
OBJ_SCALE = (5.3, 8.0, 7.8, 15.5)
OBJ_BIAS = (-13.3, -16.4, -19.0, -15.7)
CLASS_SCALE = 3.0


class TestNet(nn.Module):
    def __init__(self):
        super().__init__()
        # Channel counts are multiples of 16, as in MDv5: libtorch 2.7.1's oneDNN convolutions give
        # wrong results on some AVX-512 CPUs for other counts above 16 (see docs/models.md).
        self.stem = nn.Sequential(mdnet.Conv(3, 16, 3, 2), mdnet.Conv(16, 32, 3, 2))   # stride 4
        self.p3 = mdnet.Conv(32, 48, 3, 2)    # 8
        self.p4 = mdnet.Conv(48, 64, 3, 2)    # 16
        self.p5 = mdnet.Conv(64, 80, 3, 2)    # 32
        self.p6 = mdnet.Conv(80, 96, 3, 2)    # 64
        self.detect = mdnet.Detect((48, 64, 80, 96))

    def forward(self, x):
        x = self.stem(x)
        p3 = self.p3(x)
        p4 = self.p4(p3)
        p5 = self.p5(p4)
        p6 = self.p6(p5)
        return self.detect([p3, p4, p5, p6])


def build():
    model = mdnet.seeded(TestNet, SEED)
    with torch.no_grad():
        for level, conv in enumerate(model.detect.m):
            w = conv.weight.view(3, mdnet.OUTPUTS, -1)
            b = conv.bias.view(3, mdnet.OUTPUTS)
            w[:, 4] *= OBJ_SCALE[level]
            b[:, 4] = b[:, 4] * OBJ_SCALE[level] + OBJ_BIAS[level]
            w[:, 5:] *= CLASS_SCALE
            b[:, 5:] *= CLASS_SCALE
    return model


def main():
    out_dir = sys.argv[1] if len(sys.argv) > 1 else "models/testing"
    torch.set_num_threads(2)
    model = build()
    path, digest = mdnet.save(mdnet.trace(model), out_dir, NAME)
    gmacs = mdnet.count_macs(model, (1280, 1280)) / 1e9
    print(f"{path}: {os.path.getsize(path)} bytes, sha256 {digest}, {2 * gmacs:.2f} GFLOPs at 1280x1280")


if __name__ == "__main__":
    main()
