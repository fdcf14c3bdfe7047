#!/usr/bin/env python3
"""MegaDetector's own batch pipeline on a YOLOv9 checkpoint (what it runs for MDv1000-cedar), to
check the worker's anchor-free decoding against MegaDetector itself: AnchorFreeParityIT's
expected output (worker/src/test/resources/anchorfree/yolov9-megadetector.json).

Nothing of MegaDetector is replaced. The checkpoint gets the megadetector_info.json that
MegaDetector's MDv1000 files carry ({"model_type": "yolov9", "image_size": 640}, written with
MegaDetector's own add_metadata_to_megadetector_model_file), so MegaDetector loads it with
torch.load, letterboxes at 640 with stride 32 and uses YOLOv9's non_max_suppression and
scale_boxes. MegaDetector imports those from a `yolov9` package (pip's yolov9pip): a folder
holding a link named yolov9 to the YOLOv9 checkout stands in for it, and the checkout itself is
on sys.path for the checkpoint's pickled classes (models.yolo...). IPython: see
make_yolov9_checkpoint.py.

Usage (Debian's python3-torch, -torchvision, -opencv, -pil, -numpy, -pandas, -yaml, -tqdm,
-jsonpickle, -humanfriendly, -send2trash, -matplotlib):
  PYTHONPATH=STUBS /usr/bin/python3 worker/scripts/run_megadetector_yolov9.py \\
      MEGADETECTOR_DIR YOLOV9_DIR CHECKPOINT.pt samples/camera-traps OUT.json
then convert CHECKPOINT-md.pt (written beside CHECKPOINT.pt) with
  worker/scripts/convert/convert_checkpoint.py --library yolov9 --library-path YOLOV9_DIR \\
      --image-size 640 --stride 32 --checkpoint CHECKPOINT-md.pt --output MODEL.torchscript
"""
import os
import sys
import tempfile

import torch


def main(megadetector_dir, yolov9_dir, checkpoint, images_dir, out):
    package_dir = tempfile.mkdtemp()
    os.symlink(os.path.abspath(yolov9_dir), os.path.join(package_dir, "yolov9"))
    sys.path.insert(0, package_dir)
    sys.path.insert(0, megadetector_dir)
    sys.path.append(yolov9_dir)
    from megadetector.detection import pytorch_detector

    with_metadata = os.path.splitext(checkpoint)[0] + "-md.pt"
    pytorch_detector.add_metadata_to_megadetector_model_file(
        checkpoint, with_metadata, {"model_type": "yolov9", "image_size": 640})
    torch.set_num_threads(2)
    from megadetector.detection import run_detector_batch
    from megadetector.utils import path_utils

    images = path_utils.find_images(images_dir, recursive=True)
    results = run_detector_batch.load_and_run_detector_batch(
        with_metadata, images, n_cores=1, quiet=True, detector_options={"force_cpu": True})
    run_detector_batch.write_results_to_file(
        results, out, relative_path_base=images_dir, detector_file=with_metadata)


if __name__ == "__main__":
    main(*sys.argv[1:6])
