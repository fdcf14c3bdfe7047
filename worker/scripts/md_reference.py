#!/usr/bin/python3
"""Biotrack's Python reference of MegaDetector v5's batch pipeline ("classic" mode).

Written from ../shared/design/megadetector-spec.md (a copy of its rules is in docs/models.md),
with the libraries MegaDetector itself uses: Pillow for decoding, OpenCV for the letterbox
resize, numpy and torch for the rest. The Java worker is tested against its output
(worker/src/test/resources/parity/golden.json) and the benchmark times it against the Java one.

Usage:
  /usr/bin/python3 worker/scripts/md_reference.py detect MODEL DIR OUT.json [--threads N]
      [--threshold T] [--pixels PIXELS.json]
  /usr/bin/python3 worker/scripts/md_reference.py serve MODEL DIR [--threads N]
      (the timing service of `biotrack-worker bench`, see cmd_serve)
  /usr/bin/python3 worker/scripts/md_reference.py photo PHOTO.jpg
      (decode, letterbox and tensor times of one photo, for `bench --preprocess-only`)

``--pixels`` also writes, per image, the SHA-256 of the decoded RGB pixels and of the letterboxed
model input, so the Java decoder and resize can be checked for pixel identity.
"""
import argparse
import glob
import hashlib
import io
import json
import math
import os
import sys
import time

import cv2
import numpy as np
import torch
from PIL import Image, ImageFile

ImageFile.LOAD_TRUNCATED_IMAGES = True  # as MegaDetector's visualization_utils does

IMG_EXTENSIONS = (".jpg", ".jpeg", ".gif", ".png", ".tif", ".tiff", ".bmp", ".webp", ".avif")
IMAGE_ROTATIONS = {3: 180, 6: 270, 8: 90}
FAILURE_IMAGE_OPEN = "image access failure"
FAILURE_INFER = "inference failure"
IMAGE_SIZE = 1280
STRIDE = 64
IOU_THRESHOLD = 0.45
MAX_DET = 300
DEFAULT_THRESHOLD = 0.005


def find_images(folder, recursive=True):
    pattern = os.path.join(folder, "**", "*.*") if recursive else os.path.join(folder, "*.*")
    files = [f for f in glob.glob(pattern, recursive=recursive) if f.lower().endswith(IMG_EXTENSIONS)]
    return sorted(os.path.relpath(f, folder).replace("\\", "/") for f in files)


def load_image(path):
    """visualization_utils.load_image: mode whitelist, RGBA/L to RGB, EXIF 3/6/8 on the rest."""
    image = Image.open(path)
    if image.mode not in ("RGBA", "RGB", "L", "I;16"):
        raise AttributeError(f"unsupported mode {image.mode}")
    if image.mode in ("RGBA", "L"):
        image = image.convert(mode="RGB")
    try:
        orientation = image._getexif().get(274, None)
        if orientation is not None and orientation != 1:
            assert orientation in IMAGE_ROTATIONS
            image = image.rotate(IMAGE_ROTATIONS[orientation], expand=True)
    except Exception:
        pass
    image.load()
    return image


def letterbox(img):
    """YOLOv5 letterbox(new_shape=1280, stride=64, auto=True, scaleup=True), colour 114."""
    shape = img.shape[:2]
    r = min(IMAGE_SIZE / shape[0], IMAGE_SIZE / shape[1])
    new_unpad = int(round(shape[1] * r)), int(round(shape[0] * r))
    dw, dh = IMAGE_SIZE - new_unpad[0], IMAGE_SIZE - new_unpad[1]
    dw, dh = np.mod(dw, STRIDE), np.mod(dh, STRIDE)
    dw /= 2
    dh /= 2
    if shape[::-1] != new_unpad:
        img = cv2.resize(img, new_unpad, interpolation=cv2.INTER_LINEAR)
    top, bottom = int(round(dh - 0.1)), int(round(dh + 0.1))
    left, right = int(round(dw - 0.1)), int(round(dw + 0.1))
    return cv2.copyMakeBorder(img, top, bottom, left, right, cv2.BORDER_CONSTANT, value=(114, 114, 114))


def xywh2xyxy(x):
    y = x.clone()
    y[:, 0] = x[:, 0] - x[:, 2] / 2
    y[:, 1] = x[:, 1] - x[:, 3] / 2
    y[:, 2] = x[:, 0] + x[:, 2] / 2
    y[:, 3] = x[:, 1] + x[:, 3] / 2
    return y


def xyxy2xywh(x):
    y = x.clone()
    y[:, 0] = (x[:, 0] + x[:, 2]) / 2
    y[:, 1] = (x[:, 1] + x[:, 3]) / 2
    y[:, 2] = x[:, 2] - x[:, 0]
    y[:, 3] = x[:, 3] - x[:, 1]
    return y


def greedy_nms(boxes, scores, iou_threshold):
    """torchvision.ops.nms on CPU, in float32: descending score, suppress IoU > threshold."""
    b = boxes.numpy()
    order = torch.sort(scores, descending=True).indices.numpy()
    x1, y1, x2, y2 = b[:, 0], b[:, 1], b[:, 2], b[:, 3]
    areas = (x2 - x1) * (y2 - y1)
    suppressed = np.zeros(len(order), dtype=bool)
    keep = []
    for _i, i in enumerate(order):
        if suppressed[i]:
            continue
        keep.append(i)
        rest = order[_i + 1:]
        w = np.maximum(np.float32(0), np.minimum(x2[i], x2[rest]) - np.maximum(x1[i], x1[rest]))
        h = np.maximum(np.float32(0), np.minimum(y2[i], y2[rest]) - np.maximum(y1[i], y1[rest]))
        inter = w * h
        with np.errstate(invalid="ignore", divide="ignore"):  # 0/0 for empty boxes: NaN, kept
            iou = inter / (areas[i] + areas[rest] - inter)
        suppressed[rest[iou > iou_threshold]] = True
    return torch.tensor(keep, dtype=torch.int64)


def nms(prediction, conf_thres, iou_thres=IOU_THRESHOLD, max_det=MAX_DET):
    """MegaDetector's own nms() for YOLOv5 models: class-aware, best class only, max 300."""
    output = []
    for x in prediction:
        x = x[x[:, 4] > conf_thres]
        box = xywh2xyxy(x[:, :4])
        class_conf = x[:, 5:] * x[:, 4:5]
        best_conf, best_class = class_conf.max(1)
        keep = best_conf > conf_thres
        box, best_conf, best_class = box[keep], best_conf[keep], best_class[keep]
        kept = []
        for c in best_class.unique():
            idx = torch.nonzero(best_class == c).view(-1)
            kept.append(idx[greedy_nms(box[idx], best_conf[idx], iou_thres)])
        if kept:
            idx = torch.cat(kept)
            idx = idx[torch.argsort(best_conf[idx], descending=True)][:max_det]
            det = torch.cat((box[idx], best_conf[idx, None], best_class[idx, None].float()), 1)
        else:
            det = torch.zeros((0, 6))
        output.append(det)
    return output


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


def truncate(x, digits):
    factor = 10 ** digits
    return math.floor(x * factor) / factor


def to_tensor(img):
    return torch.from_numpy(np.ascontiguousarray(img.transpose((2, 0, 1))))[None].float() / 255.0


def detections_of(model, img_original, threshold):
    """PTDetector.generate_detections_one_image + _process_batch_group, classic mode."""
    img = letterbox(img_original)
    tensor = to_tensor(img)
    with torch.no_grad():
        pred = model(tensor)[0]
    det = nms(pred, threshold)[0]
    gn = torch.tensor(img_original.shape)[[1, 0, 1, 0]]
    detections = []
    if len(det):
        det[:, :4] = scale_coords(tensor.shape[2:], det[:, :4], img_original.shape).round()
        for *xyxy, conf, cls in reversed(det):
            if conf < threshold:
                continue
            cx, cy, w, h = (xyxy2xywh(torch.tensor(xyxy).view(1, 4)) / gn).view(-1).tolist()
            box = [cx - w / 2, cy - h / 2, w, h]
            detections.append({
                "category": str(int(cls.item()) + 1),
                "conf": truncate(conf.tolist(), 3),
                "bbox": [truncate(v, 4) for v in box],
            })
    # write_results_to_file: stable sort by truncated conf, descending
    return sorted(detections, key=lambda d: d["conf"], reverse=True), img


def process(model, folder, file, threshold, pixels=None):
    try:
        image = load_image(os.path.join(folder, file))
        img_original = np.asarray(image)
    except Exception:
        return {"file": file, "failure": FAILURE_IMAGE_OPEN, "detections": None}
    try:
        detections, letterboxed = detections_of(model, img_original, threshold)
    except Exception:
        return {"file": file, "failure": FAILURE_INFER, "detections": None}
    if pixels is not None:
        pixels[file] = {
            "width": int(img_original.shape[1]),
            "height": int(img_original.shape[0]),
            "decoded_sha256": hashlib.sha256(np.ascontiguousarray(img_original).tobytes()).hexdigest(),
            "letterboxed_width": int(letterboxed.shape[1]),
            "letterboxed_height": int(letterboxed.shape[0]),
            "letterboxed_sha256": hashlib.sha256(np.ascontiguousarray(letterboxed).tobytes()).hexdigest(),
        }
    return {"file": file, "detections": detections}


def load_model(path, threads):
    torch.set_num_threads(threads)
    return torch.jit.load(path, map_location="cpu").eval()


def write_json(obj, path):
    with open(path, "w") as f:
        json.dump(obj, f, indent=1, ensure_ascii=True)
        f.write("\n")


def cmd_detect(args):
    model = load_model(args.model, args.threads)
    pixels = {} if args.pixels else None
    images = [process(model, args.dir, f, args.threshold, pixels) for f in find_images(args.dir)]
    results = {
        "images": images,
        "detection_categories": {"1": "animal", "2": "person", "3": "vehicle"},
        "info": {"format_version": "1.6", "detector": os.path.basename(args.model)},
    }
    write_json(results, args.out)
    if pixels is not None:
        write_json(pixels, args.pixels)


def letterboxed_tensors(folder, files):
    """The model inputs of the photos that decode, in order."""
    tensors = []
    for f in files:
        try:
            tensors.append(to_tensor(letterbox(np.asarray(load_image(os.path.join(folder, f))))))
        except Exception:
            pass
    return tensors


def warm_up(model, tensors):
    """Two forwards per input shape: the profiling executor specialises the graph on its first
    calls, which no steady-state timing should include."""
    shapes = set()
    for tensor in tensors:
        if tensor.shape not in shapes:
            shapes.add(tensor.shape)
            with torch.no_grad():
                for _ in range(2):
                    model(tensor)


def timed(images, work):
    """Runs work(); returns the pass as the Java benchmark reads it: wall and CPU seconds (CPU of
    this process, all threads, as the Java side counts its own)."""
    cpu, start = time.process_time(), time.perf_counter()
    work()
    return {"images": images, "seconds": time.perf_counter() - start,
            "cpu_seconds": time.process_time() - cpu}


def photo_times(path, runs=7):
    """Medians over runs (after two warm-up runs) of decoding the file from memory, of
    letterboxing it and of making the model's tensor, wall and CPU, in milliseconds."""
    with open(path, "rb") as f:
        data = f.read()
    steps = ("decode", "letterbox", "tensor")
    samples = {f"{step}{kind}": [] for step in steps for kind in ("_ms", "_cpu_ms")}
    for i in range(runs + 2):
        w0, c0 = time.perf_counter(), time.process_time()
        img = np.asarray(load_image(io.BytesIO(data)))
        w1, c1 = time.perf_counter(), time.process_time()
        boxed = letterbox(img)
        w2, c2 = time.perf_counter(), time.process_time()
        to_tensor(boxed)
        w3, c3 = time.perf_counter(), time.process_time()
        if i >= 2:
            for step, wall, cpu in zip(steps, (w1 - w0, w2 - w1, w3 - w2), (c1 - c0, c2 - c1, c3 - c2)):
                samples[f"{step}_ms"].append(wall)
                samples[f"{step}_cpu_ms"].append(cpu)
    return {name: sorted(values)[len(values) // 2] * 1000 for name, values in samples.items()}


def cmd_photo(args):
    """The preprocessing timing of `biotrack-worker bench --preprocess-only`: one JSON line."""
    print(json.dumps(photo_times(args.photo)), flush=True)


def cmd_serve(args):
    """Timing service for the Java benchmark (worker bench), so both sides are measured in
    alternating rounds under the same machine load. Loads the model, letterboxes the photos and
    warms up, prints a ready line, then answers each command on stdin with one JSON line:
      pass        one pass of the whole pipeline over the images, one image at a time as
                  MegaDetector's CLI runs on CPU: {"images", "seconds", "cpu_seconds"}
      forward     one pass of the model alone over the images' letterboxed tensors (made once
                  at start): {"images", "seconds", "cpu_seconds"}
      photo PATH  median decode, letterbox and tensor times of one file, wall and CPU:
                  {"decode_ms", "letterbox_ms", "tensor_ms", "decode_cpu_ms", ...}"""
    model = load_model(args.model, args.threads)
    files = find_images(args.dir)
    tensors = letterboxed_tensors(args.dir, files)
    warm_up(model, tensors)
    print(json.dumps({"ready": True, "torch": torch.__version__, "threads": torch.get_num_threads()}),
          flush=True)

    def forward_all():
        with torch.no_grad():
            for tensor in tensors:
                model(tensor)

    def pipeline():
        for f in files:
            process(model, args.dir, f, DEFAULT_THRESHOLD)

    for line in sys.stdin:
        command = line.strip().split(maxsplit=1)
        if not command:
            continue
        if command[0] == "pass":
            print(json.dumps(timed(len(files), pipeline)), flush=True)
        elif command[0] == "forward":
            print(json.dumps(timed(len(tensors), forward_all)), flush=True)
        elif command[0] == "photo" and len(command) == 2:
            print(json.dumps(photo_times(command[1])), flush=True)
        else:
            print(json.dumps({"error": f"unknown command {line.strip()}"}), flush=True)


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    detect = sub.add_parser("detect")
    detect.add_argument("model")
    detect.add_argument("dir")
    detect.add_argument("out")
    detect.add_argument("--threads", type=int, default=2)
    detect.add_argument("--threshold", type=float, default=DEFAULT_THRESHOLD)
    detect.add_argument("--pixels")
    serve = sub.add_parser("serve")
    serve.add_argument("model")
    serve.add_argument("dir")
    serve.add_argument("--threads", type=int, default=2)
    photo = sub.add_parser("photo")
    photo.add_argument("photo")
    args = parser.parse_args(argv)
    {"detect": cmd_detect, "serve": cmd_serve, "photo": cmd_photo}[args.command](args)


if __name__ == "__main__":
    main(sys.argv[1:])
