"""A random-weight checkpoint with YOLOv9's own classes (WongKinYiu/yolov9), saved the way its
train.py saves one ({'model': deepcopy(de_parallel(model)).half(), ...}): the on-disk form of
MegaDetector's md_v1000.0.0-cedar.pt. For checking the conversion and, once the worker runs
anchor-free models, the worker against MegaDetector's own code by hand (docs/models.md, "The
MDv1000 family"); needs a YOLOv9 checkout, not fetched by tests.

YOLOv9's models/common.py imports IPython (notebook display) and matplotlib asks it for
get_ipython(): where IPython is not installed, put a folder STUBS/IPython/ with an __init__.py
defining `def get_ipython(): return None` and a display.py defining `def display(*a, **k): pass`
on PYTHONPATH. Nothing else is stubbed.

usage: PYTHONPATH=STUBS /usr/bin/python3 make_yolov9_checkpoint.py YOLOV9_DIR MODEL.yaml OUT.pt
       (MODEL.yaml e.g. YOLOV9_DIR/models/detect/gelan-t.yaml: one DDetect head, 1.9 M parameters)
"""
import sys
from copy import deepcopy

import torch

sys.path.insert(0, sys.argv[1])
from models.yolo import DetectionModel  # noqa: E402

torch.manual_seed(0)
m = DetectionModel(sys.argv[2], ch=3, nc=3)
m.names = ['animal', 'person', 'vehicle']
torch.save({'epoch': -1, 'best_fitness': None, 'model': deepcopy(m).half(), 'ema': None,
            'updates': None, 'optimizer': None, 'date': None}, sys.argv[3])
