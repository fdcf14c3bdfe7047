#!/usr/bin/env python3
"""Expected decoding of anchor-free (YOLOv9 / YOLO11) outputs, computed by YOLOv9's own code.

For MDv1000-cedar MegaDetector (pytorch_detector.py at 136e1e38, classic mode) passes the model's
[B, 4 + classes, N] output to YOLOv9's utils.general.non_max_suppression(conf_thres=threshold,
iou_thres=0.45, agnostic=False, multi_label=False), maps the kept boxes back with YOLOv9's
scale_boxes(...).round() and writes each one with its own xyxy2xywh / gn, convert_yolo_to_xywh
and truncation, in reversed(det) order. This script does exactly that, with those functions
imported from a YOLOv9 checkout and MegaDetector's ct_utils, on seeded random outputs shaped like
a 3-class head (many overlapping boxes, scores across the threshold, ties between classes), and
writes the inputs and the results to worker/src/test/resources/anchorfree/yolov9-decoding.json,
which AnchorFreeDecodingTest replays through the worker's Java decoding.

It checks the decoding only (the model output onward), not a model, a letterbox or a TorchScript
export.

Usage (Debian's python3-torch, python3-torchvision, python3-opencv, python3-pandas, python3-yaml;
YOLOv9's utils.general also imports IPython, for notebooks only: give it an empty module if it is
not installed, e.g. a folder STUBS/IPython/__init__.py and STUBS on PYTHONPATH):

  /usr/bin/python3 worker/scripts/make_anchor_free_fixtures.py YOLOV9_CHECKOUT MEGADETECTOR_CHECKOUT OUT.json
"""
import json
import sys

import torch


def main(yolov9_dir, megadetector_dir, out_path):
    sys.path.insert(0, yolov9_dir)
    sys.path.insert(0, megadetector_dir)
    from utils.general import non_max_suppression, scale_boxes, xyxy2xywh  # YOLOv9's
    from megadetector.utils import ct_utils

    threshold = 0.005
    classes = 3
    cases = []
    # (image width, height): tensors of 1280x960 (4:3, fractional padding), 1280x960 (none) and
    # 960x1280 (portrait), as the worker's letterbox makes them
    for seed, (w0, h0) in enumerate([(4000, 3001), (1280, 960), (3000, 4000)]):
        g = torch.Generator().manual_seed(1000 + seed)
        th, tw = (960, 1280) if w0 >= h0 else (1280, 960)
        n = 400
        out = torch.empty((1, 4 + classes, n))
        out[0, 0] = torch.rand(n, generator=g) * (tw + 80) - 40  # cx, some boxes past the edges
        out[0, 1] = torch.rand(n, generator=g) * (th + 80) - 40  # cy
        out[0, 2] = torch.rand(n, generator=g) * 300 + 0.5  # w
        out[0, 3] = torch.rand(n, generator=g) * 300 + 0.5  # h
        # half the boxes in 10 clusters of near-duplicates, as a detector's neighbouring anchors
        centres = torch.randint(0, 10, (n // 2,), generator=g)
        out[0, 0, : n // 2] = out[0, 0, centres] + torch.randn(n // 2, generator=g) * 8
        out[0, 1, : n // 2] = out[0, 1, centres] + torch.randn(n // 2, generator=g) * 8
        out[0, 2, : n // 2] = out[0, 2, centres] * (1 + torch.randn(n // 2, generator=g) * 0.1)
        out[0, 3, : n // 2] = out[0, 3, centres] * (1 + torch.randn(n // 2, generator=g) * 0.1)
        out[0, 4:] = torch.rand((classes, n), generator=g) ** 20  # most scores below the threshold
        out[0, 5, :40] = out[0, 4, :40]  # ties between two classes: the first one wins
        values = out[0].flatten().tolist()  # float32 values, exact as Python floats

        det = non_max_suppression(out.clone(), conf_thres=threshold, iou_thres=0.45,
                                  agnostic=False, multi_label=False)[0]
        kept = det.tolist()
        shape = (h0, w0, 3)
        gn = torch.tensor(shape)[[1, 0, 1, 0]]
        det[:, :4] = scale_boxes((th, tw), det[:, :4], shape).round()
        detections = []
        for *xyxy, conf, cls in reversed(det):
            if conf < threshold:
                continue
            xywh = (xyxy2xywh(torch.tensor(xyxy).view(1, 4)) / gn).view(-1).tolist()
            box = ct_utils.truncate_float_array(ct_utils.convert_yolo_to_xywh(xywh), precision=4)
            detections.append({'category': str(int(cls.tolist()) + 1),
                               'conf': ct_utils.truncate_float(conf.tolist(), precision=3),
                               'bbox': box})
        # run_detector_batch's final order: descending written confidence, stable
        detections.sort(key=lambda d: -d['conf'])
        cases.append({'width': w0, 'height': h0, 'tensorWidth': tw, 'tensorHeight': th,
                      'rows': 4 + classes, 'output': values, 'kept': kept,
                      'detections': detections})
    with open(out_path, 'w') as f:
        json.dump({'threshold': threshold, 'library': 'YOLOv9 utils.general', 'cases': cases}, f)
        f.write('\n')


if __name__ == '__main__':
    main(*sys.argv[1:4])
