#!/usr/bin/python3
"""Builds the benchmark model: MegaDetector v5's compute cost and TorchScript contract.

MDv5 is a YOLOv5x6: 140.7 M parameters and 209.8 GFLOPs at 640x640 as YOLOv5 reports it, so about
840 GFLOPs at MegaDetector's 1280x1280 (FLOPs counted as 2 x multiply-accumulates), with
4 output levels at strides 8..64. This network has the same shape of work: a 6x6 stride-2 stem,
four downsampling stages of residual bottleneck blocks split across two branches (80 → 1280
channels), a pooling block, a top-down and bottom-up feature pyramid and the same detection
head, all as plain convolutions with SiLU (batch norm folded, as MegaDetector runs it).
Weights are seeded random, rescaled to unit activations, so timings are not distorted by
denormal or saturated values; detections are meaningless.

Not committed (hundreds of MB): generated on demand into models/bench/ (git-ignored).

Usage: /usr/bin/python3 worker/scripts/make_bench_model.py [OUTPUT_DIR]   (default models/bench)
"""
import os
import sys

import torch
from torch import nn

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import mdnet  # noqa: E402
from mdnet import Conv  # noqa: E402

NAME = "biotrack-bench-md.torchscript"
SEED = 20250612
OBJ_BIAS = -6.0  # keeps the number of NMS candidates in the range a real model produces


class Bottleneck(nn.Module):
    def __init__(self, c, residual=True):
        super().__init__()
        self.a = Conv(c, c, 1)
        self.b = Conv(c, c, 3)
        self.residual = residual

    def forward(self, x):
        y = self.b(self.a(x))
        return x + y if self.residual else y


class SplitBlock(nn.Module):
    """Two 1x1 branches, one through n bottlenecks, joined by a 1x1 convolution."""

    def __init__(self, c_in, c_out, n, residual=True):
        super().__init__()
        half = c_out // 2
        self.left = Conv(c_in, half, 1)
        self.right = Conv(c_in, half, 1)
        self.blocks = nn.Sequential(*(Bottleneck(half, residual) for _ in range(n)))
        self.join = Conv(2 * half, c_out, 1)

    def forward(self, x):
        return self.join(torch.cat((self.blocks(self.left(x)), self.right(x)), 1))


class Pooling(nn.Module):
    """Three chained 5x5 max-pools concatenated with their input (a fast spatial pyramid)."""

    def __init__(self, c):
        super().__init__()
        half = c // 2
        self.reduce = Conv(c, half, 1)
        self.pool = nn.MaxPool2d(5, 1, 2)
        self.expand = Conv(4 * half, c, 1)

    def forward(self, x):
        x = self.reduce(x)
        y1 = self.pool(x)
        y2 = self.pool(y1)
        return self.expand(torch.cat((x, y1, y2, self.pool(y2)), 1))


class BenchNet(nn.Module):
    def __init__(self):
        super().__init__()
        c = (80, 160, 320, 640, 960, 1280)
        self.stem = Conv(3, c[0], 6, 2)
        self.s2 = nn.Sequential(Conv(c[0], c[1], 3, 2), SplitBlock(c[1], c[1], 4))
        self.s3 = nn.Sequential(Conv(c[1], c[2], 3, 2), SplitBlock(c[2], c[2], 8))
        self.s4 = nn.Sequential(Conv(c[2], c[3], 3, 2), SplitBlock(c[3], c[3], 12))
        self.s5 = nn.Sequential(Conv(c[3], c[4], 3, 2), SplitBlock(c[4], c[4], 4))
        self.s6 = nn.Sequential(Conv(c[4], c[5], 3, 2), SplitBlock(c[5], c[5], 4), Pooling(c[5]))
        self.up = nn.Upsample(scale_factor=2, mode="nearest")
        # top-down
        self.lat6 = Conv(c[5], c[4], 1)
        self.td5 = SplitBlock(2 * c[4], c[4], 4, residual=False)
        self.lat5 = Conv(c[4], c[3], 1)
        self.td4 = SplitBlock(2 * c[3], c[3], 4, residual=False)
        self.lat4 = Conv(c[3], c[2], 1)
        self.out3 = SplitBlock(2 * c[2], c[2], 4, residual=False)
        # bottom-up
        self.down3 = Conv(c[2], c[2], 3, 2)
        self.out4 = SplitBlock(2 * c[2], c[3], 4, residual=False)
        self.down4 = Conv(c[3], c[3], 3, 2)
        self.out5 = SplitBlock(2 * c[3], c[4], 4, residual=False)
        self.down5 = Conv(c[4], c[4], 3, 2)
        self.out6 = SplitBlock(2 * c[4], c[5], 4, residual=False)
        self.detect = mdnet.Detect((c[2], c[3], c[4], c[5]))

    def forward(self, x):
        x3 = self.s3(self.s2(self.stem(x)))
        x4 = self.s4(x3)
        x5 = self.s5(x4)
        x6 = self.s6(x5)
        l6 = self.lat6(x6)
        t5 = self.td5(torch.cat((self.up(l6), x5), 1))
        l5 = self.lat5(t5)
        t4 = self.td4(torch.cat((self.up(l5), x4), 1))
        l4 = self.lat4(t4)
        p3 = self.out3(torch.cat((self.up(l4), x3), 1))
        p4 = self.out4(torch.cat((self.down3(p3), l4), 1))
        p5 = self.out5(torch.cat((self.down4(p4), l5), 1))
        p6 = self.out6(torch.cat((self.down5(p5), l6), 1))
        return self.detect([p3, p4, p5, p6])


def build():
    model = mdnet.seeded(BenchNet, SEED)
    with torch.no_grad():
        for conv in model.detect.m:
            conv.bias.view(3, mdnet.OUTPUTS)[:, 4] += OBJ_BIAS
    return model


def main():
    out_dir = sys.argv[1] if len(sys.argv) > 1 else "models/bench"
    torch.set_num_threads(max(2, torch.get_num_threads()))
    model = build()
    path, _ = mdnet.save(mdnet.trace(model), out_dir, NAME)
    params = sum(p.numel() for p in model.parameters())
    gflops_square = 2 * mdnet.count_macs(model, (1280, 1280)) / 1e9
    gflops_43 = 2 * mdnet.count_macs(model, (960, 1280)) / 1e9
    print(f"{path}: {os.path.getsize(path) / 1e6:.0f} MB, {params / 1e6:.1f} M parameters, "
          f"{gflops_square:.0f} GFLOPs at 1280x1280, {gflops_43:.0f} GFLOPs at 1280x960")


if __name__ == "__main__":
    main()
