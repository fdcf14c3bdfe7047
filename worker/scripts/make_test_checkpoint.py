"""Writes a small checkpoint in MegaDetector's on-disk form (torch.save of {'model': half model,
...}, as YOLOv5's training saves one) with the stand-in YOLOv5 classes of standin/models/yolo.py.

With --metadata JSON the file also carries megadetector_info.json, written as MegaDetector's
add_metadata_to_megadetector_model_file writes it (megadetector/detection/pytorch_detector.py at
136e1e38, lines 617-671: appended, deflated, in the archive's one top-level folder); MDv1000 files
carry one, MDv5 files do not.

usage: /usr/bin/python3 make_test_checkpoint.py OUT.pt [--classes 3] [--seed 0] [--metadata JSON] [--dual]
"""
import argparse
import json
import os
import sys
import zipfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "standin"))

import torch  # noqa: E402
from models.yolo import DetectionModel  # noqa: E402


def main():
    p = argparse.ArgumentParser()
    p.add_argument("output")
    p.add_argument("--classes", type=int, default=3)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--metadata")
    p.add_argument("--dual", action="store_true", help="YOLOv9's dual anchor-free head (cedar's)")
    a = p.parse_args()
    torch.manual_seed(a.seed)
    model = DetectionModel(a.classes, dual=a.dual)
    with torch.no_grad():  # non-trivial batch-norm statistics, so fuse() matters
        bn = model.stem[1]
        bn.running_mean.uniform_(-0.1, 0.1)
        bn.running_var.uniform_(0.5, 1.5)
    torch.save({"epoch": -1, "model": model.half(), "optimizer": None}, a.output)
    if a.metadata is not None:
        with zipfile.ZipFile(a.output, "a", compression=zipfile.ZIP_DEFLATED) as z:
            roots = {name.split("/")[0] for name in z.namelist()}
            assert len(roots) == 1, roots
            z.writestr(next(iter(roots)) + "/megadetector_info.json",
                       json.dumps(json.loads(a.metadata), indent=1),
                       compress_type=zipfile.ZIP_DEFLATED, compresslevel=9)


if __name__ == "__main__":
    main()
