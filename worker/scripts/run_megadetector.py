#!/usr/bin/python3
"""MegaDetector's own batch pipeline on a TorchScript model, to check Biotrack (and its Python
reference) against MegaDetector itself rather than against a re-implementation.

Needs a checkout of agentmorris/MegaDetector and one of ultralytics/yolov5 at the commit MegaDetector
pins for MDv5 (c23a441c9df7ca9b1f275e8c8719c949269160d1; newer ones import the ultralytics
package), and Debian's python3-torch, -torchvision, -opencv, -pil, -numpy, -pandas, -yaml, -tqdm,
-jsonpickle, -humanfriendly, -send2trash, -pytest (what MegaDetector's modules import).

Only the model loading is replaced: MegaDetector loads a YOLOv5 checkpoint (``torch.load(...)
['model']``), a TorchScript export is loaded with ``torch.jit.load``. Image loading, EXIF rotation,
letterbox, tensor, NMS, box scaling, rounding and the output file are MegaDetector's code.

Usage:
  /usr/bin/python3 worker/scripts/run_megadetector.py MEGADETECTOR_DIR YOLOV5_DIR MODEL DIR OUT.json
      [--threads N]
MODEL must end in .pt for MegaDetector to take it as a PyTorch model: link the .torchscript file.
"""
import argparse
import sys

import torch


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    for name in ("megadetector_dir", "yolov5_dir", "model", "dir", "out"):
        parser.add_argument(name)
    parser.add_argument("--threads", type=int, default=2)
    args = parser.parse_args(argv)
    sys.path.insert(0, args.megadetector_dir)
    sys.path.append(args.yolov5_dir)  # MegaDetector's fallback: "from utils.general import ..."
    from megadetector.detection import pytorch_detector

    class Scripted(torch.nn.Module):
        """The TorchScript model with the call signature of a YOLOv5 model."""

        def __init__(self, path):
            super().__init__()
            self.model = torch.jit.load(path, map_location="cpu")

        def forward(self, x, augment=False):
            return self.model(x)

    pytorch_detector.PTDetector._load_model = staticmethod(
        lambda path, device, compatibility_mode="", verbose=False: Scripted(path).eval())
    torch.set_num_threads(args.threads)
    from megadetector.detection import run_detector_batch
    from megadetector.utils import path_utils

    images = path_utils.find_images(args.dir, recursive=True)
    results = run_detector_batch.load_and_run_detector_batch(
        args.model, images, n_cores=1, quiet=True, detector_options={"force_cpu": True})
    run_detector_batch.write_results_to_file(
        results, args.out, relative_path_base=args.dir, detector_file=args.model)


if __name__ == "__main__":
    main(sys.argv[1:])
