"""A random-weight checkpoint with YOLOv9's own classes (WongKinYiu/yolov9), saved the way its
train.py saves one ({'model': deepcopy(de_parallel(model)).half(), ...}): the on-disk form of
MegaDetector's md_v1000.0.0-cedar.pt. For checking the conversion and, once the worker runs
anchor-free models, the worker against MegaDetector's own code by hand (docs/models.md, "The
MDv1000 family"); needs a YOLOv9 checkout, not fetched by tests.

YOLOv9's models/common.py imports IPython (notebook display) and matplotlib asks it for
get_ipython(): where IPython is not installed, put a folder STUBS/IPython/ with an __init__.py
defining `def get_ipython(): return None` and a display.py defining `def display(*a, **k): pass`
on PYTHONPATH. Nothing else is stubbed.

usage: PYTHONPATH=STUBS /usr/bin/python3 make_yolov9_checkpoint.py YOLOV9_DIR MODEL.yaml OUT.pt PHOTO...
       (MODEL.yaml e.g. YOLOV9_DIR/models/detect/gelan-t.yaml: one DDetect head, 1.9 M parameters;
       or yolov9-t.yaml, the smallest with cedar's DualDDetect head;
       PHOTO: camera-trap photos its batch norms are calibrated on, e.g. samples/camera-traps/*.jpg)

A freshly initialised network gives nearly the same score everywhere (three distinct values
over 6,300 anchors on a photo), and NMS among exactly tied scores depends on the order torch's
sort leaves them in: the batch norms' statistics are therefore set from the photos (one
training-mode pass), which gives distinct scores, and the class biases are spread around -6.
"""
import sys
from copy import deepcopy

import cv2
import torch

sys.path.insert(0, sys.argv[1])
from models.yolo import DetectionModel  # noqa: E402

torch.manual_seed(0)
m = DetectionModel(sys.argv[2], ch=3, nc=3)
m.names = ['animal', 'person', 'vehicle']
photos = []
for path in sys.argv[4:]:
    rgb = cv2.cvtColor(cv2.imread(path), cv2.COLOR_BGR2RGB)
    photos.append(torch.from_numpy(cv2.resize(rgb, (640, 480))).permute(2, 0, 1).float() / 255)
for module in m.modules():
    if isinstance(module, torch.nn.BatchNorm2d):
        module.momentum = None  # the plain mean over the pass
        module.reset_running_stats()
m.train()
with torch.no_grad():
    m(torch.stack(photos))
m.eval()
# YOLOv9 initialises the class biases for training (scores near 1e-4, no detection at
# MegaDetector's 0.005): spread them so that photos get detections of every class.
# A dual head (DualDDetect: yolov9-t/s/m/c/e.yaml) has a second class branch, cv5.
head = m.model[-1]
for branch in list(head.cv3) + list(getattr(head, 'cv5', [])):
    branch[-1].bias.data = torch.randn(branch[-1].bias.shape) - 6.0
torch.save({'epoch': -1, 'best_fitness': None, 'model': deepcopy(m).half(), 'ema': None,
            'updates': None, 'optimizer': None, 'date': None}, sys.argv[3])
