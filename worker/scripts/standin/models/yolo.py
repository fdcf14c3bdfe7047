"""A stand-in for YOLOv5's models/yolo.py, for the tests of `biotrack model install`.

MegaDetector's checkpoints pickle YOLOv5's own classes (models.yolo.Model / DetectionModel,
models.yolo.Detect); YOLOv5 cannot be fetched where the tests run, so this module gives the
same names and the same export contract: Detect has `export`, `dynamic` and `inplace`, decodes
boxes in the graph and returns (rows,) in export mode, (rows, raw) otherwise; the model has
`fuse()` and `stride`. It is small (two levels, strides 32 and 64) and written from the published
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


class DetectionModel(nn.Module):
    def __init__(self, classes=3):
        super().__init__()
        self.stem = nn.Sequential(nn.Conv2d(3, 16, 6, 2, 2), nn.BatchNorm2d(16), nn.SiLU())
        self.down = nn.ModuleList([
            nn.Sequential(nn.Conv2d(16, 16, 3, 2, 1), nn.SiLU()),  # 4
            nn.Sequential(nn.Conv2d(16, 32, 3, 2, 1), nn.SiLU()),  # 8
            nn.Sequential(nn.Conv2d(32, 32, 3, 2, 1), nn.SiLU()),  # 16
            nn.Sequential(nn.Conv2d(32, 48, 3, 2, 1), nn.SiLU()),  # 32
            nn.Sequential(nn.Conv2d(48, 64, 3, 2, 1), nn.SiLU()),  # 64
        ])
        self.detect = Detect((48, 64), classes, (32, 64),
                             (((140, 301), (303, 264), (238, 542)), ((436, 615), (739, 380), (925, 792))))
        self.stride = torch.tensor([32.0, 64.0])

    def forward(self, x, augment=False):
        x = self.stem(x)
        features = []
        for i, block in enumerate(self.down):
            x = block(x)
            if i >= 3:
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
