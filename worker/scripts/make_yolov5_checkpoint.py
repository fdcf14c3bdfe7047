"""A random-weight checkpoint with YOLOv5's own classes, saved the way YOLOv5's train.py saves
one ({'model': deepcopy(de_parallel(model)).half(), ...}): the on-disk form of MegaDetector's
md_v5a.0.0.pt. For checking `biotrack model install` and the worker against MegaDetector's own
code by hand (docs/models.md, "What was verified"); needs a YOLOv5 checkout, not fetched by tests.

usage: /usr/bin/python3 make_yolov5_checkpoint.py YOLOV5_DIR MODEL.yaml OUT.pt
"""
import sys
from copy import deepcopy

import torch

sys.path.insert(0, sys.argv[1])
from models.yolo import Model  # noqa: E402

torch.manual_seed(0)
m = Model(sys.argv[2], ch=3, nc=3)
m.names = ['animal', 'person', 'vehicle']
torch.save({'epoch': -1, 'best_fitness': None, 'model': deepcopy(m).half(), 'ema': None,
            'updates': None, 'optimizer': None, 'wandb_id': None, 'date': None}, sys.argv[3])
