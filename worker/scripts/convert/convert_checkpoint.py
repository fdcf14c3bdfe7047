"""Converts a MegaDetector checkpoint (a pickled YOLO model, as MegaDetector publishes it) to the
TorchScript file Biotrack's worker runs. `biotrack model install` runs it in a private virtual
environment with the pinned versions of requirements-LIBRARY.txt (see docs/models.md).

The steps are those of MegaDetector's own loader (megadetector/detection/pytorch_detector.py,
PTDetector._load_model: torch.load(weights_only=False), the Upsample compatibility fix,
.float().fuse().eval()) followed by those of YOLOv5's export.py for TorchScript (the Detect head
in export mode with dynamic grids, a trace on the CPU at the model's image size). The traced file
is then checked: it must give the eager model's output on a non-square input, which is what a
4:3 photo becomes.

usage: python convert_checkpoint.py --checkpoint IN.pt --output OUT.torchscript
           --library yolov5|yolov9|ultralytics --image-size 1280 --stride 64 [--library-path DIR]
Prints one JSON line on stdout: versions, the output's shape and the largest difference.
"""
import argparse
import json
import os
import platform
import sys
import zipfile


def library_on_path(library, library_path):
    """Makes the checkpoint's pickled classes importable, as MegaDetector's imports do.

    YOLOv5 and YOLOv9 checkpoints name their classes as modules of the repository (models.yolo,
    models.common), so the package's own folder goes on sys.path; ultralytics checkpoints name
    ultralytics.nn.* and need nothing more.
    """
    if library_path:
        sys.path.insert(0, library_path)
        return "path:" + library_path
    if library == "yolov5":
        import yolov5  # ultralytics-yolov5, MegaDetector's frozen YOLOv5

        sys.path.insert(0, os.path.dirname(yolov5.__file__))
        return getattr(yolov5, "__version__", "unknown")
    if library == "yolov9":
        import yolov9  # yolov9pip, as MegaDetector asks for MDv1000-cedar

        sys.path.insert(0, os.path.dirname(yolov9.__file__))
        return getattr(yolov9, "__version__", "unknown")
    import ultralytics

    return ultralytics.__version__


def checkpoint_metadata(path):
    """megadetector_info.json inside the checkpoint (MDv1000 files carry one), else None."""
    try:
        with zipfile.ZipFile(path) as z:
            names = [n for n in z.namelist() if n.endswith("/megadetector_info.json")]
            return json.loads(z.read(names[0])) if names else None
    except Exception:
        return None


def first_output(model):
    """The model returning only its first output: the one MegaDetector detects with.

    YOLOv9's DualDDetect (MDv1000-cedar, a YOLOv9c) and TripleDDetect return a list of outputs,
    one per head branch, each [B, 4 + classes, N]. MegaDetector takes `model(x)[0]` (that list)
    and hands it to YOLOv9's non_max_suppression, which keeps `prediction[0]` when given a list:
    the first branch's output. The TorchScript then returns that one tensor, as for every other
    model, so the worker's contract stays a single output.
    """
    import torch

    class First(torch.nn.Module):
        def __init__(self, inner):
            super().__init__()
            self.inner = inner

        def forward(self, x):
            return self.inner(x)[0]

    return First(model).eval()


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--checkpoint", required=True)
    p.add_argument("--output", required=True)
    p.add_argument("--library", required=True, choices=["yolov5", "yolov9", "ultralytics"])
    p.add_argument("--image-size", type=int, required=True)
    p.add_argument("--stride", type=int, required=True)
    p.add_argument("--library-path")
    a = p.parse_args()

    import torch

    torch.set_grad_enabled(False)  # inference only; YOLOv5's fuse() leaves non-leaf parameters
    library_version = library_on_path(a.library, a.library_path)
    torch.set_num_threads(max(2, torch.get_num_threads()))
    try:
        checkpoint = torch.load(a.checkpoint, map_location="cpu", weights_only=False)
    except TypeError:  # torch < 1.13 has no weights_only
        checkpoint = torch.load(a.checkpoint, map_location="cpu")
    model = checkpoint["model"] if isinstance(checkpoint, dict) else checkpoint
    for m in model.modules():  # MegaDetector's fix for checkpoints saved by torch < 1.11
        if type(m) is torch.nn.Upsample and not hasattr(m, "recompute_scale_factor"):
            m.recompute_scale_factor = None
    model = model.float()
    if hasattr(model, "fuse"):
        model = model.fuse()
    model = model.eval()
    for m in model.modules():  # export mode: the decoded boxes only, grids built per input shape
        if type(m).__name__ in ("Detect", "DDetect", "DualDDetect", "TripleDDetect", "IDetect"):
            if hasattr(m, "inplace"):
                m.inplace = True
            m.dynamic = True  # YOLOv5 >= 7.0, ultralytics: grids built from each input's shape
            m.onnx_dynamic = True  # the same flag in YOLOv5 6.x (MegaDetector's pinned commit)
            m.export = True
            if hasattr(m, "format"):
                m.format = "torchscript"

    if any(type(m).__name__ in ("DualDDetect", "TripleDDetect") for m in model.modules()):
        model = first_output(model)

    size = a.image_size
    square = torch.zeros(1, 3, size, size)
    for _ in range(2):  # YOLOv5's export warms up twice before tracing
        model(square)
    traced = torch.jit.trace(model, square, strict=False)
    extra = {"config.txt": json.dumps({"shape": [1, 3, size, size], "stride": a.stride})}
    traced.save(a.output, _extra_files=extra)

    # The file as the worker will load it, on a 4:3 input: same output as the eager model.
    loaded = torch.jit.load(a.output, map_location="cpu")
    h = (size * 3 // 4 + a.stride - 1) // a.stride * a.stride
    x = torch.rand(1, 3, h, size, generator=torch.Generator().manual_seed(0))
    eager = model(x)
    eager = eager[0] if isinstance(eager, (tuple, list)) else eager
    eager = eager[0] if isinstance(eager, (tuple, list)) else eager
    out = loaded(x)
    out = out[0] if isinstance(out, (tuple, list)) else out
    out = out[0] if isinstance(out, (tuple, list)) else out
    diff = float((out - eager).abs().max()) if out.shape == eager.shape else None
    print(json.dumps({
        "python": platform.python_version(),
        "torch": torch.__version__,
        "library": a.library,
        "library_version": library_version,
        "output_shape": list(out.shape),
        "eager_shape": list(eager.shape),
        "max_abs_diff": diff,
        "checkpoint_metadata": checkpoint_metadata(a.checkpoint),
    }))
    if diff is None or diff > 1e-3:
        print("the traced model does not reproduce the checkpoint on a %dx%d input" % (size, h),
              file=sys.stderr)
        sys.exit(3)


if __name__ == "__main__":
    main()
