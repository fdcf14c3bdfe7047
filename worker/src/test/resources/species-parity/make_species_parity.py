#!/usr/bin/env python3
"""Writes species-parity/reference.json: what SpeciesNet's own Python code gives for Biotrack's
test classifier on the sample photos and on crafted ensemble cases. SpeciesParityIT compares the
worker with it (docs/species.md, "Parity").

Run from the repository root with Debian's python3-torch, python3-torchvision, python3-pil,
python3-absl and python3-humanfriendly, and a checkout of google/cameratrapai (not part of this
repository):

  /usr/bin/python3 worker/src/test/resources/species-parity/make_species_parity.py \
      --speciesnet /path/to/cameratrapai --detections out/samples.json [--commit SHA]

where out/samples.json is `./biotrack detect samples/camera-traps -o out/samples.json` (the test
detector: its boxes are only places to crop).

What runs SpeciesNet's own code: `speciesnet.ensemble.SpeciesNetEnsemble` (loading the taxonomy
and geofence files of the model folder through `speciesnet.utils.ModelInfo`),
`speciesnet.ensemble_prediction_combiner.combine_predictions_for_single_item`,
`speciesnet.geofence_utils` and `speciesnet.taxonomy_utils`; and, when the checkout's
`speciesnet/classifier.py` is the PyTorch one, `SpeciesNetClassifier.preprocess` and
`batch_predict` themselves (either interface: one crop per call, or the later list of crops per
image). The committed reference ran them: 6520b83 with the PyTorch classifier.py of the fork
shark-hunt/cameratrapai@1bff1f0 (docs/species.md, "Parity", says how to build that checkout).
With the TensorFlow-era classifier.py (no TensorFlow here) the same
torchvision calls are made in the order that PyTorch classifier.py makes them (transcribed below,
marked) and the reference records which was used. Packages SpeciesNet imports only to download
models (cloudpathlib, huggingface_hub, kagglehub, requests) are stubbed: nothing is downloaded.
"""
import argparse
import hashlib
import importlib
import inspect
import json
import pathlib
import subprocess
import sys
import types

import numpy as np
import PIL.Image
import torch
import torchvision
import torchvision.transforms.functional as F

ROOT = pathlib.Path(__file__).resolve().parents[5]
MODEL_DIR = ROOT / "models" / "testing-classifier"
OUT = pathlib.Path(__file__).resolve().parent / "reference.json"


def import_speciesnet(checkout):
    """SpeciesNet's modules without its package __init__ (which loads the detector and hubs)."""
    for name in ["cloudpathlib", "huggingface_hub", "kagglehub", "requests"]:
        if name not in sys.modules:
            try:
                importlib.import_module(name)
            except ImportError:
                stub = types.ModuleType(name)
                stub.CloudPath = type("CloudPath", (), {})
                stub.snapshot_download = None
                sys.modules[name] = stub
    package = types.ModuleType("speciesnet")
    package.__path__ = [str(pathlib.Path(checkout) / "speciesnet")]
    sys.modules["speciesnet"] = package
    modules = {}
    for name in ["constants", "utils", "taxonomy_utils", "geofence_utils",
                 "ensemble_prediction_combiner", "ensemble"]:
        modules[name] = importlib.import_module("speciesnet." + name)
    source = (pathlib.Path(checkout) / "speciesnet" / "classifier.py").read_text()
    if "import torch" in source:
        modules["classifier"] = importlib.import_module("speciesnet.classifier")
    return modules


class TranscribedClassifier:
    """SpeciesNet's PyTorch classifier.py, preprocess ("always_crop") and batch_predict, call for
    call (used only when the checkout's classifier.py is the TensorFlow one)."""

    def __init__(self, model_dir):
        self.model = torch.jit.load(str(model_dir / "biotrack-test-classifier.torchscript"))
        self.model.eval()
        lines = (model_dir / "labels.txt").read_text(encoding="utf-8").splitlines()
        self.labels = {i: line.strip() for i, line in enumerate(lines)}

    def preprocess(self, img, bboxes):
        img_tensor = F.pil_to_tensor(img)
        img_tensor = F.convert_image_dtype(img_tensor, torch.float32)
        if bboxes:
            b = bboxes[0]
            img_tensor = F.crop(img_tensor, int(b.ymin * img.height), int(b.xmin * img.width),
                                int(b.height * img.height), int(b.width * img.width))
        img_tensor = F.resize(img_tensor, [480, 480], antialias=False)
        img_tensor = F.convert_image_dtype(img_tensor, torch.uint8)
        return img_tensor.permute([1, 2, 0]).numpy()

    def batch_predict(self, arrays):
        batch = np.stack([a / 255 for a in arrays], axis=0, dtype=np.float32)
        with torch.no_grad():
            logits = self.model(torch.from_numpy(batch))
        scores = torch.softmax(logits, dim=-1)
        scores, indices = torch.topk(scores, k=5, dim=-1)
        return [([self.labels[int(i)] for i in idx], s.tolist())
                for s, idx in zip(scores.numpy(), indices.numpy())]


class RealClassifier:
    """SpeciesNet's own PyTorch SpeciesNetClassifier. Two interfaces exist: one crop per call
    (preprocess returns one PreprocessedImage, batch_predict takes one per file and answers
    "classifications") and, in later versions, several crops per image (preprocess returns a list,
    batch_predict takes a list per file and answers "classifications_list"); both run the same
    torchvision calls per crop."""

    def __init__(self, sn):
        self.inner = sn["classifier"].SpeciesNetClassifier(str(MODEL_DIR), device="cpu")
        self.per_image_lists = "imgs_list" in inspect.signature(self.inner.batch_predict).parameters

    def preprocess(self, img, bboxes):
        out = self.inner.preprocess(img, bboxes=bboxes)
        return (out[0] if isinstance(out, list) else out).arr

    def batch_predict(self, arrays):
        utils = sys.modules["speciesnet.utils"]
        imgs = [utils.PreprocessedImage(a, 0, 0) for a in arrays]
        names = [str(i) for i in range(len(arrays))]
        if self.per_image_lists:
            results = self.inner.batch_predict(names, [[i] for i in imgs])
            found = [r["classifications_list"][0] for r in results]
        else:
            found = [r["classifications"] for r in self.inner.batch_predict(names, imgs)]
        return [(c["classes"], c["scores"]) for c in found]


CATEGORY = {"1": "animal", "2": "human", "3": "vehicle"}


def ensemble(sn, ens, classes, scores, category, conf, country, admin1):
    Detection = sn["constants"].Detection
    detections = [] if category is None else [{"label": Detection(CATEGORY[category]), "conf": conf}]
    label, score, source = sn["ensemble_prediction_combiner"].combine_predictions_for_single_item(
        classifications={"classes": classes, "scores": scores},
        detections=detections,
        country=country,
        admin1_region=admin1,
        taxonomy_map=ens.taxonomy_map,
        geofence_map=ens.geofence_map,
        enable_geofence=True,
        geofence_fn=sn["geofence_utils"].geofence_animal_classification,
        roll_up_fn=sn["geofence_utils"].roll_up_labels_to_first_matching_level,
    )
    return {"prediction": getattr(label, "value", label), "prediction_score": float(score),
            "prediction_source": source}


REGIONS = [(None, None), ("USA", "CA"), ("USA", "AK"), ("KEN", None)]

# Boxes of our own besides the detector's: the whole image, full-width strips (libtorch's other
# resize kernel), edges and corners, a thin box.
CRAFTED_BOXES = [
    [0.0, 0.0, 1.0, 1.0],
    [0.0, 0.25, 1.0, 0.5],
    [0.0, 0.6113, 1.0, 0.3887],
    [0.5, 0.5, 0.5, 0.5],
    [0.0, 0.0, 0.1234, 0.2345],
    [0.3333, 0.1111, 0.0123, 0.9],
    [0.7071, 0.4142, 0.2929, 0.1],
]


def label(name):
    for line in (MODEL_DIR / "labels.txt").read_text().splitlines():
        if line.endswith(";" + name):
            return line
    raise KeyError(name)


def crafted_cases():
    """One or more cases per ensemble rule; scores are what a classifier might give."""
    L = label
    other = [L("mammal"), L("rodent"), L("domestic dog"), L("sand cat")]
    return [
        ("human from detector", [L("lion")] + other, [0.5, 0.2, 0.1, 0.1, 0.1], "2", 0.81, None, None),
        ("human from classifier", [L("human"), L("vehicle")] + other[:3], [0.6, 0.2, 0.1, 0.05, 0.05], "2", 0.5, None, None),
        ("human det, unsure classifier", [L("human")] + other, [0.4, 0.3, 0.1, 0.1, 0.1], "2", 0.5, None, None),
        ("vehicle from detector", [L("lion")] + other, [0.5, 0.2, 0.1, 0.1, 0.1], "3", 0.75, None, None),
        ("vehicle det, human classifier", [L("human")] + other, [0.6, 0.2, 0.1, 0.05, 0.05], "3", 0.3, None, None),
        ("vehicle det, vehicle classifier", [L("vehicle")] + other, [0.45, 0.25, 0.1, 0.1, 0.1], "3", 0.3, None, None),
        ("blank, weak detection", [L("blank")] + other, [0.6, 0.2, 0.1, 0.05, 0.05], "1", 0.15, None, None),
        ("blank, no detection", [L("blank")] + other, [0.55, 0.2, 0.15, 0.05, 0.05], None, 0.0, None, None),
        ("blank, extra-high", [L("blank")] + other, [0.995, 0.002, 0.001, 0.001, 0.001], "1", 0.9, None, None),
        ("species, no country", [L("lion")] + other, [0.85, 0.05, 0.05, 0.03, 0.02], "1", 0.9, None, None),
        ("species allowed", [L("lion")] + other, [0.85, 0.05, 0.05, 0.03, 0.02], "1", 0.9, "KEN", None),
        ("geofence block: country not allowed", [L("lion"), L("panthera species"), L("sand cat"), L("mammal"), L("rodent")], [0.82, 0.08, 0.05, 0.03, 0.02], "1", 0.9, "USA", None),
        ("geofence block: state not allowed", [L("polar bear"), L("brown bear"), L("bear family"), L("mammal"), L("rodent")], [0.83, 0.07, 0.05, 0.03, 0.02], "1", 0.9, "USA", "CA"),
        ("geofence: allowed state", [L("polar bear"), L("brown bear"), L("bear family"), L("mammal"), L("rodent")], [0.83, 0.07, 0.05, 0.03, 0.02], "1", 0.9, "USA", "AK"),
        ("geofence block: state blocked", [L("american black bear"), L("brown bear"), L("lion"), L("mammal"), L("rodent")], [0.9, 0.04, 0.03, 0.02, 0.01], "1", 0.9, "USA", "HI"),
        ("geofence block: whole country", [L("giant panda"), L("domestic dog"), L("lion"), L("mammal"), L("rodent")], [0.7, 0.1, 0.1, 0.05, 0.05], "1", 0.4, "USA", None),
        ("species with mid detection", [L("ocelot")] + other, [0.7, 0.1, 0.1, 0.05, 0.05], "1", 0.3, None, None),
        ("roll-up to genus", [L("ocelot"), L("margay"), L("northern tiger cat"), L("lion"), L("rodent")], [0.4, 0.2, 0.1, 0.2, 0.1], "1", 0.3, None, None),
        ("roll-up to family", [L("ocelot"), L("lion"), L("sand cat"), L("domestic dog"), L("rodent")], [0.3, 0.25, 0.15, 0.2, 0.1], "1", 0.3, None, None),
        ("roll-up to order", [L("ocelot"), L("brown bear"), L("domestic dog"), L("rodent"), L("african elephant")], [0.3, 0.25, 0.2, 0.15, 0.1], "1", 0.3, None, None),
        ("roll-up to class", [L("ocelot"), L("rodent"), L("african elephant"), L("domestic cattle"), L("common warthog")], [0.3, 0.2, 0.2, 0.15, 0.15], "1", 0.1, None, None),
        ("roll-up with a geofence region", [L("polar bear"), L("brown bear"), L("giant panda"), L("rodent"), L("lion")], [0.3, 0.25, 0.2, 0.15, 0.1], "1", 0.3, "USA", "CA"),
        ("animal fallback", [L("blank"), L("human"), L("vehicle"), L("rodent"), L("lion")], [0.3, 0.3, 0.2, 0.1, 0.1], "1", 0.6, None, None),
        ("unknown", [L("blank"), L("human"), L("vehicle"), L("rodent"), L("lion")], [0.3, 0.3, 0.2, 0.1, 0.1], "1", 0.4, None, None),
    ]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--speciesnet", required=True)
    parser.add_argument("--detections", required=True)
    parser.add_argument("--commit", default="", help="the checkout's commit, when it is not a git work tree")
    args = parser.parse_args()
    sn = import_speciesnet(args.speciesnet)
    ens = sn["ensemble"].SpeciesNetEnsemble(str(MODEL_DIR), geofence=True)
    classifier = RealClassifier(sn) if "classifier" in sn else TranscribedClassifier(MODEL_DIR)
    BBox = sn["utils"].BBox
    torch.set_num_threads(2)

    detected = json.loads(pathlib.Path(args.detections).read_text())
    samples = ROOT / "samples" / "camera-traps"
    crops = []
    for image in sorted(detected["images"], key=lambda i: i["file"]):
        if image.get("failure"):
            continue
        img = PIL.Image.open(samples / image["file"]).convert("RGB")
        dets = image["detections"]
        boxes = [(d["bbox"], d["category"], d["conf"]) for d in dets if d["conf"] >= 0.1][:6]
        boxes += [(b, None, None) for b in CRAFTED_BOXES]
        for bbox, category, conf in boxes:
            if int(bbox[3] * img.height) <= 0 or int(bbox[2] * img.width) <= 0:
                continue
            arr = classifier.preprocess(img, [BBox(*bbox)])
            classes, scores = classifier.batch_predict([arr])[0]
            entry = {"file": image["file"], "bbox": bbox,
                     "crop_sha256": hashlib.sha256(np.ascontiguousarray(arr).tobytes()).hexdigest(),
                     # per row, the sum of its 480x3 bytes: finds the rare pixels one level apart
                     "crop_row_sums": [int(x) for x in arr.astype(np.int64).sum(axis=(1, 2))],
                     "classes": classes, "scores": [float(s) for s in scores], "ensemble": []}
            for country, admin1 in REGIONS:
                e = ensemble(sn, ens, classes, scores, category, conf if conf is not None else 0.0, country, admin1)
                e.update({"category": category, "conf": conf if conf is not None else 0.0,
                          "country": country, "admin1": admin1})
                entry["ensemble"].append(e)
            crops.append(entry)

    cases = []
    for name, classes, scores, category, conf, country, admin1 in crafted_cases():
        e = ensemble(sn, ens, classes, scores, category, conf, country, admin1)
        cases.append({"name": name, "classes": classes, "scores": scores, "category": category,
                      "conf": conf, "country": country, "admin1": admin1, "expected": e})

    commit = args.commit
    if not commit:
        commit = subprocess.run(["git", "-C", args.speciesnet, "rev-parse", "HEAD"],
                                capture_output=True, text=True).stdout.strip()
    reference = {
        "speciesnet_commit": commit or "unknown",
        "classifier_code": "speciesnet" if "classifier" in sn else "transcribed (see the script)",
        "torch": torch.__version__, "torchvision": torchvision.__version__,
        "crops": crops, "ensemble_cases": cases,
    }
    OUT.write_text(json.dumps(reference, indent=1) + "\n")
    print(f"{len(crops)} crops, {len(cases)} ensemble cases -> {OUT}")


if __name__ == "__main__":
    main()
