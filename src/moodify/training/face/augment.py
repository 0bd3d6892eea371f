"""Batch augmentation on tensors (cheap on CPU, stays on the GPU): flip, shift/rotate/scale,
brightness/contrast, erasing; and mixup/cutmix, which mix the targets along with the images."""

from __future__ import annotations

import math

import numpy as np
import torch
import torch.nn.functional as F


def augment(x: torch.Tensor, gen: torch.Generator) -> torch.Tensor:
    """``x``: (N, 1, H, W) normalised images on any device; the random draws come from ``gen`` (a CPU
    generator, so a run is reproducible on either device). Returns a new augmented batch."""
    n = x.shape[0]

    def uniform(lo: float, hi: float) -> torch.Tensor:
        return (torch.rand(n, generator=gen) * (hi - lo) + lo).to(x.device)

    angle = uniform(-15, 15) * math.pi / 180
    scale = uniform(0.9, 1.12)
    flip = torch.where(uniform(0, 1) < 0.5, -1.0, 1.0)
    tx, ty = uniform(-0.1, 0.1), uniform(-0.1, 0.1)
    cos, sin = torch.cos(angle) / scale, torch.sin(angle) / scale
    theta = torch.stack([torch.stack([cos * flip, -sin, tx], 1), torch.stack([sin * flip, cos, ty], 1)], 1)
    grid = F.affine_grid(theta.to(x.dtype), list(x.shape), align_corners=False)
    out = F.grid_sample(x, grid, mode="bilinear", padding_mode="border", align_corners=False)
    # photometric: contrast and brightness jitter in normalised space
    out = out * uniform(0.75, 1.25).view(n, 1, 1, 1) + uniform(-0.2, 0.2).view(n, 1, 1, 1)
    return _erase(out.clamp(-1.0, 1.0), gen, p=0.5)


def _erase(x: torch.Tensor, gen: torch.Generator, p: float) -> torch.Tensor:
    """Random erasing: a grey rectangle (8-20 px) on a fraction ``p`` of the batch, in one masked write."""
    n, _, h, w = x.shape
    on = torch.rand(n, generator=gen) < p
    eh, ew = torch.randint(8, 21, (n,), generator=gen), torch.randint(8, 21, (n,), generator=gen)
    y0 = (torch.rand(n, generator=gen) * (h - eh + 1)).long()
    x0 = (torch.rand(n, generator=gen) * (w - ew + 1)).long()
    mask = _boxes(y0, x0, eh, ew, h, w) & on.view(n, 1, 1)
    return x.masked_fill(mask.to(x.device).unsqueeze(1), 0.0)


def _boxes(y0: torch.Tensor, x0: torch.Tensor, bh: torch.Tensor, bw: torch.Tensor, h: int, w: int) -> torch.Tensor:
    """(N, H, W) booleans, true inside each image's rectangle."""
    rows, cols = torch.arange(h).view(1, h, 1), torch.arange(w).view(1, 1, w)
    inside_y = (rows >= y0.view(-1, 1, 1)) & (rows < (y0 + bh).view(-1, 1, 1))
    inside_x = (cols >= x0.view(-1, 1, 1)) & (cols < (x0 + bw).view(-1, 1, 1))
    return inside_y & inside_x


def mix(x: torch.Tensor, targets: list[torch.Tensor], gen: torch.Generator, *, p: float = 0.5,
        mixup_alpha: float = 0.2, cutmix_alpha: float = 1.0) -> tuple[torch.Tensor, list[torch.Tensor]]:
    """With probability ``p``, mixup or cutmix (even odds) the batch with a shuffled copy of itself.

    ``targets`` are (N, C) distributions (one-hot labels, teachers' soft labels); each is mixed with the
    same partner and weight as the pixels, the weight of cutmix being the pasted area actually kept."""
    if float(torch.rand(1, generator=gen)) >= p:
        return x, targets
    n, _, h, w = x.shape
    perm = torch.randperm(n, generator=gen).to(x.device)
    beta = np.random.default_rng(int(torch.randint(0, 2**31, (1,), generator=gen))).beta  # seeded by ``gen``
    if float(torch.rand(1, generator=gen)) < 0.5:
        lam = float(beta(mixup_alpha, mixup_alpha))
        mixed = x * lam + x[perm] * (1 - lam)
    else:
        lam = float(beta(cutmix_alpha, cutmix_alpha))
        ch, cw = int(h * math.sqrt(1 - lam)), int(w * math.sqrt(1 - lam))
        cy, cx = int(torch.randint(0, h, (1,), generator=gen)), int(torch.randint(0, w, (1,), generator=gen))
        y0, y1, x0, x1 = max(cy - ch // 2, 0), min(cy + ch // 2, h), max(cx - cw // 2, 0), min(cx + cw // 2, w)
        mixed = x.clone()
        mixed[:, :, y0:y1, x0:x1] = x[perm][:, :, y0:y1, x0:x1]
        lam = 1 - (y1 - y0) * (x1 - x0) / (h * w)
    return mixed, [t * lam + t[perm] * (1 - lam) for t in targets]
