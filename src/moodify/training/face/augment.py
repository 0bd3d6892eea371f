"""Batch augmentation on tensors (cheap on CPU): flip, shift/rotate/scale, brightness/contrast, erasing."""

from __future__ import annotations

import math

import torch
import torch.nn.functional as F


def augment(x: torch.Tensor, gen: torch.Generator) -> torch.Tensor:
    """``x``: (N, 1, H, W) normalised images. Returns a new augmented batch."""
    n = x.shape[0]

    def uniform(lo: float, hi: float) -> torch.Tensor:
        return torch.rand(n, generator=gen) * (hi - lo) + lo

    angle = uniform(-15, 15) * math.pi / 180
    scale = uniform(0.9, 1.12)
    flip = torch.where(torch.rand(n, generator=gen) < 0.5, -1.0, 1.0)
    tx, ty = uniform(-0.1, 0.1), uniform(-0.1, 0.1)
    cos, sin = torch.cos(angle) / scale, torch.sin(angle) / scale
    theta = torch.stack([torch.stack([cos * flip, -sin, tx], 1), torch.stack([sin * flip, cos, ty], 1)], 1)
    grid = F.affine_grid(theta, list(x.shape), align_corners=False)
    out = F.grid_sample(x, grid, mode="bilinear", padding_mode="border", align_corners=False)
    # photometric: contrast and brightness jitter in normalised space
    out = out * uniform(0.75, 1.25).view(n, 1, 1, 1) + uniform(-0.2, 0.2).view(n, 1, 1, 1)
    return _erase(out.clamp(-1.0, 1.0), gen, p=0.5)


def _erase(x: torch.Tensor, gen: torch.Generator, p: float) -> torch.Tensor:
    """Random erasing: a grey rectangle (8-20 px) on a fraction ``p`` of the batch."""
    n, _, h, w = x.shape
    for i in torch.nonzero(torch.rand(n, generator=gen) < p).flatten().tolist():
        eh, ew = (int(v) for v in torch.randint(8, 21, (2,), generator=gen))
        y0 = int(torch.randint(0, h - eh + 1, (1,), generator=gen))
        x0 = int(torch.randint(0, w - ew + 1, (1,), generator=gen))
        x[i, :, y0 : y0 + eh, x0 : x0 + ew] = 0.0
    return x
