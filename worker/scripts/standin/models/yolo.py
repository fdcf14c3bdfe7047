"""A stand-in for YOLOv5's models/yolo.py, for the tests of `biotrack model install`.

MegaDetector's checkpoints pickle YOLOv5's own classes (models.yolo.Model / DetectionModel,
models.yolo.Detect); YOLOv5 cannot be fetched where the tests run, so this module gives the
same names and the same export contract: Detect has `export`, `dynamic` and `inplace`, decodes
boxes in the graph and returns (rows,) in export mode, (rows, raw) otherwise; the model has
`fuse()` and `stride`. `DetectionModel(dual=True)` has a stand-in of YOLOv9's DualDDetect head
instead. It is small (two levels, strides 32 and 64) and written from the published
decoding formulas, not copied from YOLOv5.
"""
import torch
from torch import nn


class Detect(nn.Module):
    def __init__(self, channels, classes, strides, anchors):
        super().__init__()
        self.no = 5 + classes
        self.strides = strides
        self.m = nn.ModuleList(nn.Conv2d(c, 3 * self.no, 1) for c in channels)
        self.register_buffer("anchors", torch.tensor(anchors, dtype=torch.float32))
        self.export = False
        self.dynamic = False
        self.inplace = True

    def forward(self, features):
        z, raw = [], []
        for i, x in enumerate(features):
            p = self.m[i](x)
            b, _, ny, nx = p.shape
            p = p.view(b, 3, self.no, ny, nx).permute(0, 1, 3, 4, 2).contiguous()
            raw.append(p)
            y = p.sigmoid()
            gy, gx = torch.meshgrid(torch.arange(ny, dtype=torch.float32),
                                    torch.arange(nx, dtype=torch.float32), indexing="ij")
            grid = torch.stack((gx, gy), 2).view(1, 1, ny, nx, 2)
            xy = (y[..., 0:2] * 2 - 0.5 + grid) * self.strides[i]
            wh = (y[..., 2:4] * 2) ** 2 * self.anchors[i].view(1, 3, 1, 1, 2)
            z.append(torch.cat((xy, wh, y[..., 4:]), -1).view(b, -1, self.no))
        rows = torch.cat(z, 1)
        return (rows,) if self.export else (rows, raw)


class DualDDetect(nn.Module):
    """A stand-in for YOLOv9's DualDDetect (MDv1000-cedar's head), with its output contract: two
    anchor-free branches, each [B, 4 + classes, N] (xywh in input pixels, then class scores, no
    objectness); `[y, y2]` in export mode, `([y, y2], raw)` otherwise. MegaDetector detects with
    the first (`model(x)[0]`, then YOLOv9's non_max_suppression keeps `prediction[0]` of a list).
    The second branch's class bias is -20, so it scores nothing above any threshold: a conversion
    that kept the second branch instead of the first finds no boxes at all.
    """

    def __init__(self, channels, classes, strides):
        super().__init__()
        self.nc = classes
        self.strides = strides
        self.box = nn.ModuleList(nn.Conv2d(c, 4, 1) for c in channels)
        self.cls = nn.ModuleList(nn.Conv2d(c, classes, 1) for c in channels)
        self.box2 = nn.ModuleList(nn.Conv2d(c, 4, 1) for c in channels)
        self.cls2 = nn.ModuleList(nn.Conv2d(c, classes, 1) for c in channels)
        with torch.no_grad():
            for conv in self.cls2:
                conv.bias.fill_(-20.0)
        self.export = False
        self.dynamic = False
        self.inplace = True

    def branch(self, features, box, cls):
        out = []
        for i, x in enumerate(features):
            b, _, ny, nx = x.shape
            d = nn.functional.softplus(box[i](x)) * 2  # left, top, right, bottom in grid cells
            gy, gx = torch.meshgrid(torch.arange(ny, dtype=torch.float32),
                                    torch.arange(nx, dtype=torch.float32), indexing="ij")
            cx, cy = gx + 0.5, gy + 0.5
            x1, y1, x2, y2 = cx - d[:, 0], cy - d[:, 1], cx + d[:, 2], cy + d[:, 3]
            xywh = torch.stack(((x1 + x2) / 2, (y1 + y2) / 2, x2 - x1, y2 - y1), 1) * self.strides[i]
            out.append(torch.cat((xywh, cls[i](x).sigmoid()), 1).view(b, 4 + self.nc, -1))
        return torch.cat(out, 2)

    def forward(self, features):
        y = self.branch(features, self.box, self.cls)
        y2 = self.branch(features, self.box2, self.cls2)
        return [y, y2] if self.export else ([y, y2], features)


class DetectionModel(nn.Module):
    def __init__(self, classes=3, dual=False):
        super().__init__()
        self.stem = nn.Sequential(nn.Conv2d(3, 16, 6, 2, 2), nn.BatchNorm2d(16), nn.SiLU())
        self.down = nn.ModuleList([
            nn.Sequential(nn.Conv2d(16, 16, 3, 2, 1), nn.SiLU()),  # 4
            nn.Sequential(nn.Conv2d(16, 32, 3, 2, 1), nn.SiLU()),  # 8
            nn.Sequential(nn.Conv2d(32, 32, 3, 2, 1), nn.SiLU()),  # 16
            nn.Sequential(nn.Conv2d(32, 48, 3, 2, 1), nn.SiLU()),  # 32
            nn.Sequential(nn.Conv2d(48, 64, 3, 2, 1), nn.SiLU()),  # 64
        ])
        # YOLOv9's heads read the levels at strides 8, 16 and 32; YOLOv5's stand-in 32 and 64.
        self.levels = (1, 2, 3) if dual else (3, 4)
        self.detect = DualDDetect((32, 32, 48), classes, (8, 16, 32)) if dual else Detect(
            (48, 64), classes, (32, 64),
            (((140, 301), (303, 264), (238, 542)), ((436, 615), (739, 380), (925, 792))))
        self.stride = torch.tensor([8.0, 16.0, 32.0] if dual else [32.0, 64.0])

    def forward(self, x, augment=False):
        x = self.stem(x)
        features = []
        for i, block in enumerate(self.down):
            x = block(x)
            if i in self.levels:
                features.append(x)
        return self.detect(features)

    def fuse(self):
        """Folds the stem's batch norm into its convolution, as YOLOv5's fuse() does."""
        conv, bn = self.stem[0], self.stem[1]
        fused = nn.Conv2d(conv.in_channels, conv.out_channels, conv.kernel_size, conv.stride,
                          conv.padding, bias=True)
        w = conv.weight.clone().view(conv.out_channels, -1)
        scale = bn.weight / torch.sqrt(bn.eps + bn.running_var)
        fused.weight.data.copy_((torch.diag(scale) @ w).view(fused.weight.shape))
        b = torch.zeros(conv.out_channels) if conv.bias is None else conv.bias
        fused.bias.data.copy_(scale * (b - bn.running_mean) + bn.bias)
        self.stem = nn.Sequential(fused, self.stem[2])
        return self
