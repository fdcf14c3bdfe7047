#!/usr/bin/python3
"""Builds the benchmark classifier: SpeciesNet's architecture, input and output size, random weights.

SpeciesNet v4's crop classifier ("a" models) is an EfficientNetV2-M taking 480x480 crops, with about
2,500 outputs. This is torchvision's EfficientNetV2-M (the same network; ~24 GFLOPs per 480x480
crop as its paper counts it, FLOPs = 2 x multiply-accumulates) with
2,500 outputs, behind SpeciesNet's contract as Biotrack runs it (docs/species.md): float32 NHWC
[B, 480, 480, 3] in [0, 1], logits [B, labels] out, traced to TorchScript the way
models/testing-classifier/ is. Batch norm is kept unfolded (SpeciesNet's PyTorch weights are a
conversion of a Keras model with its batch-norm layers), and its running statistics are set from
one batch of random crops so that activations stay near unit scale through the 60-odd blocks:
timings are not distorted by denormal, saturated or infinite values. Classifications are
meaningless.

The labels file has 2,500 lines in SpeciesNet's 7-field format: the test classifier's 29 real
SpeciesNet taxa, then copies of its animal taxa with distinct, made-up ids (uuid5) and a
"(bench copy N)" suffix on the common name, so that every output has a label. The taxonomy and
geofence files are the test classifier's. info.json says "test_model": true.

Not committed (~210 MB): generated on demand into models/bench-classifier/ (git-ignored).

Usage: /usr/bin/python3 worker/scripts/make_bench_classifier.py [OUTPUT_DIR]
       (default models/bench-classifier; needs Debian's python3-torch and python3-torchvision)
"""
import hashlib
import json
import pathlib
import shutil
import sys
import uuid

import torch
import torchvision

ROOT = pathlib.Path(__file__).resolve().parents[2]
TESTING = ROOT / "models" / "testing-classifier"
NAME = "biotrack-bench-classifier.torchscript"
OUTPUTS = 2500
SIZE = 480
SEED = 20261206


class NhwcClassifier(torch.nn.Module):
    """SpeciesNet's contract around a channels-first network: NHWC in, logits out."""

    def __init__(self, net):
        super().__init__()
        self.net = net

    def forward(self, x):
        return self.net(x.permute(0, 3, 1, 2))


def labels():
    real = [line for line in (TESTING / "labels.txt").read_text(encoding="utf-8").splitlines() if line]
    # taxa with a class (not blank, animal, vehicle) other than human, which the ensemble treats apart
    animals = [line for line in real if line.split(";")[1] and not line.endswith(";human")]
    out = list(real)
    copy = 0
    while len(out) < OUTPUTS:
        copy += 1
        for line in animals:
            if len(out) == OUTPUTS:
                break
            fields = line.split(";")
            fields[0] = str(uuid.uuid5(uuid.NAMESPACE_URL, f"biotrack-bench/{fields[0]}/{copy}"))
            fields[6] = f"{fields[6]} (bench copy {copy})"
            out.append(";".join(fields))
    return out


def main():
    out_dir = pathlib.Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "models" / "bench-classifier"
    out_dir.mkdir(parents=True, exist_ok=True)
    torch.manual_seed(SEED)
    net = torchvision.models.efficientnet_v2_m(num_classes=OUTPUTS)
    # Running statistics from one batch of random crops (momentum None: a plain average).
    for m in net.modules():
        if isinstance(m, torch.nn.BatchNorm2d):
            m.reset_running_stats()
            m.momentum = None
    net.train()
    with torch.no_grad():
        net(torch.rand(4, 3, SIZE, SIZE))
    model = NhwcClassifier(net).eval()
    example = torch.rand(2, SIZE, SIZE, 3)
    with torch.no_grad():
        logits = model(example)
        assert torch.isfinite(logits).all(), "non-finite logits"
        traced = torch.jit.trace(model, example)
        assert torch.allclose(traced(example), logits, atol=1e-4)
    params = sum(p.numel() for p in net.parameters())
    print(f"EfficientNetV2-M, {params / 1e6:.1f} M parameters, logits std {logits.std():.3f}")
    target = out_dir / NAME
    traced.save(str(target))
    digest = hashlib.sha256(target.read_bytes()).hexdigest()
    (out_dir / (NAME + ".sha256")).write_text(f"{digest}  {NAME}\n")
    (out_dir / "labels.txt").write_text("\n".join(labels()) + "\n", encoding="utf-8")
    for name in ("taxonomy_release.txt", "geofence_release.json"):
        shutil.copyfile(TESTING / name, out_dir / name)
    info = {
        "version": "biotrack-bench-classifier-1",
        "type": "always_crop",
        "classifier": NAME,
        "classifier_labels": "labels.txt",
        "detector": "md_v5a.0.0.pt",
        "taxonomy": "taxonomy_release.txt",
        "geofence": "geofence_release.json",
        "test_model": True,
        "note": "BENCHMARK MODEL: SpeciesNet-sized EfficientNetV2-M with random weights"
        " (worker/scripts/make_bench_classifier.py); classifications mean nothing",
    }
    (out_dir / "info.json").write_text(json.dumps(info, indent=1) + "\n")
    print(target, target.stat().st_size, "bytes", digest)


if __name__ == "__main__":
    main()
