"""Networks with MegaDetector v5's TorchScript contract, written with plain torch.nn.

Contract (what a YOLOv5 ``export.py --include torchscript --img 1280 --dynamic`` of MDv5 gives):
input float32 [B, 3, H, W], RGB in [0, 1], H and W multiples of 64; output a 1-tuple holding
[B, N, 8] rows ``[cx, cy, w, h, obj, p_animal, p_person, p_vehicle]`` in input pixels, decoded
inside the model at strides 8, 16, 32 and 64 with 3 anchors each, rows ordered level → anchor →
grid y → grid x, so N = 3 * sum((H/s) * (W/s)).

Both the small test model and the benchmark model are built from these blocks. Nothing here is
copied from YOLOv5; the head follows the published decoding formulas only.
"""
import torch
from torch import nn

STRIDES = (8, 16, 32, 64)
# MDv5's nominal anchors (YOLOv5x6 P3..P6), in pixels.
ANCHORS = (
    ((19, 27), (44, 40), (38, 94)),
    ((96, 68), (86, 152), (180, 137)),
    ((140, 301), (303, 264), (238, 542)),
    ((436, 615), (739, 380), (925, 792)),
)
CLASSES = 3
OUTPUTS = 5 + CLASSES


class Conv(nn.Module):
    """Convolution with bias and SiLU: a YOLO conv block with batch norm already folded in."""

    def __init__(self, c_in, c_out, k=1, s=1):
        super().__init__()
        self.conv = nn.Conv2d(c_in, c_out, k, s, (k - 1) // 2, bias=True)
        self.act = nn.SiLU()

    def forward(self, x):
        return self.act(self.conv(x))


class Detect(nn.Module):
    """1x1 prediction convolutions per level and YOLO box decoding, inside the graph.

    The grid is built from each feature map's own shape, so a traced model accepts any input
    whose sides are multiples of 64 (what ``--dynamic`` gives a YOLOv5 export).
    """

    def __init__(self, channels):
        super().__init__()
        self.m = nn.ModuleList(nn.Conv2d(c, 3 * OUTPUTS, 1) for c in channels)
        self.register_buffer("anchors", torch.tensor(ANCHORS, dtype=torch.float32).view(4, 1, 3, 1, 1, 2))

    def forward(self, features):
        rows = []
        for i, x in enumerate(features):
            p = self.m[i](x)
            b, _, ny, nx = p.shape
            p = p.view(b, 3, OUTPUTS, ny, nx).permute(0, 1, 3, 4, 2).contiguous().sigmoid()
            gy, gx = torch.meshgrid(
                torch.arange(ny, dtype=torch.float32), torch.arange(nx, dtype=torch.float32), indexing="ij")
            grid = torch.stack((gx, gy), 2).view(1, 1, ny, nx, 2)
            xy = (p[..., 0:2] * 2 - 0.5 + grid) * STRIDES[i]
            wh = (p[..., 2:4] * 2) ** 2 * self.anchors[i]
            rows.append(torch.cat((xy, wh, p[..., 4:]), -1).view(b, -1, OUTPUTS))
        return (torch.cat(rows, 1),)


def seeded(network, seed):
    """``network()`` with seeded random weights, rescaled to unit activations."""
    torch.manual_seed(seed)
    model = network().eval()
    calibration = torch.rand(1, 3, 256, 320, generator=torch.Generator().manual_seed(seed))
    normalise_activations(model, calibration)
    return model


def save(traced, out_dir, name):
    """Saves a traced model and ``<name>.sha256`` beside it (sha256sum format); returns the
    path and the digest."""
    import hashlib
    import os
    os.makedirs(out_dir, exist_ok=True)
    path = os.path.join(out_dir, name)
    traced.save(path)
    sha = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            sha.update(chunk)
    with open(path + ".sha256", "w") as f:
        f.write(f"{sha.hexdigest()}  {name}\n")
    return path, sha.hexdigest()


def trace(model, example_hw=(960, 1280)):
    """Traces like YOLOv5's export (``torch.jit.trace(model, im, strict=False)``) and checks that
    other input shapes give exactly the eager output."""
    model.eval()
    example = torch.rand(1, 3, *example_hw, generator=torch.Generator().manual_seed(1))
    with torch.no_grad():
        traced = torch.jit.trace(model, example, strict=False)
        for hw in ((768, 1280), (1280, 960), (128, 192)):
            x = torch.rand(1, 3, *hw, generator=torch.Generator().manual_seed(2))
            expected = model(x)[0]
            got = traced(x)[0]
            rows = 3 * sum((hw[0] // s) * (hw[1] // s) for s in STRIDES)
            assert got.shape == (1, rows, OUTPUTS), got.shape
            assert torch.equal(expected, got), f"traced model differs from eager at {hw}"
    return traced


def count_macs(model, hw):
    """Multiply-accumulates of all convolutions for one [1, 3, H, W] input."""
    total = [0]

    def hook(module, inputs, output):
        k = module.kernel_size[0] * module.kernel_size[1] * module.in_channels // module.groups
        total[0] += output.numel() * k

    handles = [m.register_forward_hook(hook) for m in model.modules() if isinstance(m, nn.Conv2d)]
    with torch.no_grad():
        model(torch.zeros(1, 3, *hw))
    for h in handles:
        h.remove()
    return total[0]


def normalise_activations(model, x):
    """Rescales every convolution, in forward order, so its output has unit standard deviation
    on ``x`` (a layer-sequential unit-variance init). Random weights otherwise make deep
    activations vanish into denormals or explode, neither of which a trained model does."""
    convs = [m for m in model.modules() if isinstance(m, nn.Conv2d)]
    for conv in convs:
        captured = {}

        def measure(module, inputs, output):
            captured["std"] = output.std().item()

        handle = conv.register_forward_hook(measure)
        with torch.no_grad():
            model(x)
            handle.remove()
            std = captured["std"]
            if std > 0:
                conv.weight.div_(std)
                if conv.bias is not None:
                    conv.bias.div_(std)
