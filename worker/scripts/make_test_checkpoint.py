"""Writes a small checkpoint in MegaDetector's on-disk form (torch.save of {'model': half model,
...}, as YOLOv5's training saves one) with the stand-in YOLOv5 classes of standin/models/yolo.py.

usage: /usr/bin/python3 make_test_checkpoint.py OUT.pt [--classes 3] [--seed 0]
"""
import argparse
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "standin"))

import torch  # noqa: E402
from models.yolo import DetectionModel  # noqa: E402


def main():
    p = argparse.ArgumentParser()
    p.add_argument("output")
    p.add_argument("--classes", type=int, default=3)
    p.add_argument("--seed", type=int, default=0)
    a = p.parse_args()
    torch.manual_seed(a.seed)
    model = DetectionModel(a.classes)
    with torch.no_grad():  # non-trivial batch-norm statistics, so fuse() matters
        bn = model.stem[1]
        bn.running_mean.uniform_(-0.1, 0.1)
        bn.running_var.uniform_(0.5, 1.5)
    torch.save({"epoch": -1, "model": model.half(), "optimizer": None}, a.output)


if __name__ == "__main__":
    main()
