"""Golden data for BoxMapper: MegaDetector's classic-mode box mapping run in torch on boxes that
land on or next to half-pixel ties in the original image (sub-pixel boxes), plus random ones.

The steps are MegaDetector's (_process_batch_group) with YOLOv5's scale_coords / clip_coords /
xyxy2xywh as MegaDetector imports them: float32 tensors, python-float gain and padding, round()
half to even, division by the int64 shape tensor, convert_yolo_to_xywh and truncate_float in
Python floats.

usage: /usr/bin/python3 make_box_fixtures.py OUT.json
"""
import json
import math
import sys

import numpy as np
import torch

SIZE, STRIDE = 1280, 64


def letterbox_shape(w, h):
    r = min(SIZE / h, SIZE / w)
    nw, nh = int(round(w * r)), int(round(h * r))
    dw, dh = ((SIZE - nw) % STRIDE) / 2, ((SIZE - nh) % STRIDE) / 2
    top, bottom = int(round(dh - 0.1)), int(round(dh + 0.1))
    left, right = int(round(dw - 0.1)), int(round(dw + 0.1))
    return nh + top + bottom, nw + left + right


def scale_coords(img1_shape, coords, img0_shape):
    gain = min(img1_shape[0] / img0_shape[0], img1_shape[1] / img0_shape[1])
    pad = (img1_shape[1] - img0_shape[1] * gain) / 2, (img1_shape[0] - img0_shape[0] * gain) / 2
    coords[:, [0, 2]] -= pad[0]
    coords[:, [1, 3]] -= pad[1]
    coords[:, :4] /= gain
    coords[:, 0].clamp_(0, img0_shape[1])
    coords[:, 1].clamp_(0, img0_shape[0])
    coords[:, 2].clamp_(0, img0_shape[1])
    coords[:, 3].clamp_(0, img0_shape[0])
    return coords


def xyxy2xywh(x):
    y = x.clone()
    y[:, 0] = (x[:, 0] + x[:, 2]) / 2
    y[:, 1] = (x[:, 1] + x[:, 3]) / 2
    y[:, 2] = x[:, 2] - x[:, 0]
    y[:, 3] = x[:, 3] - x[:, 1]
    return y


def truncate(x, precision):
    return math.floor(x * (10 ** precision)) / (10 ** precision)


def md_boxes(w, h, boxes):
    th, tw = letterbox_shape(w, h)
    shape = (h, w, 3)
    det = torch.tensor(boxes, dtype=torch.float32)
    det = scale_coords((th, tw), det, shape).round()
    gn = torch.tensor(shape)[[1, 0, 1, 0]]
    out = []
    for xyxy in det:
        xywh = (xyxy2xywh(torch.tensor(list(xyxy)).view(1, 4)) / gn).view(-1).tolist()
        x_c, y_c, bw, bh = xywh
        out.append([truncate(v, 4) for v in [x_c - bw / 2.0, y_c - bh / 2.0, bw, bh]])
    return out


def near_ties(w, h, rng, n):
    """Model-input coordinates whose image coordinate is k + 0.5, and one float step either side."""
    th, tw = letterbox_shape(w, h)
    gain = min(th / h, tw / w)
    padx, pady = (tw - w * gain) / 2, (th - h * gain) / 2
    boxes = []
    for _ in range(n):
        kx1, ky1 = rng.integers(0, w - 2), rng.integers(0, h - 2)
        kx2, ky2 = rng.integers(kx1 + 1, w), rng.integers(ky1 + 1, h)
        box = np.float32([(kx1 + 0.5) * gain + padx, (ky1 + 0.5) * gain + pady,
                          (kx2 + 0.5) * gain + padx, (ky2 + 0.5) * gain + pady])
        for step in (-1, 0, 1):
            boxes.append([float(np.nextafter(v, np.float32(np.inf * step))) if step else float(v)
                          for v in box])
    return boxes


def main():
    rng = np.random.default_rng(14)
    cases = []
    for w, h in [(4000, 3001), (2560, 1441), (1920, 1080), (200, 150), (1777, 1001), (1280, 720),
                 (3000, 4000), (2048, 1536)]:
        boxes = near_ties(w, h, rng, 40)
        th, tw = letterbox_shape(w, h)
        for _ in range(40):
            x1, y1 = rng.uniform(-20, tw), rng.uniform(-20, th)
            boxes.append([float(np.float32(v)) for v in
                          (x1, y1, x1 + rng.uniform(0.1, 3), y1 + rng.uniform(0.1, 3))])
        cases.append({"width": w, "height": h, "boxes": boxes, "bboxes": md_boxes(w, h, boxes)})
    with open(sys.argv[1], "w") as f:
        json.dump({"torch": torch.__version__, "cases": cases}, f)


if __name__ == "__main__":
    main()
