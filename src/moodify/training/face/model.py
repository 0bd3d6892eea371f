"""Emotion CNN architectures, registered by name. Sized for a 2-core CPU budget (see docs/training.md)."""

from __future__ import annotations

from collections.abc import Callable

import torch
import torch.nn.functional as F
from torch import nn

from moodify.registry import Registry
from moodify.types import EMOTIONS

ARCHS: Registry[Callable[[], nn.Module]] = Registry("arch")


def _conv(c_in: int, c_out: int) -> list[nn.Module]:
    return [nn.Conv2d(c_in, c_out, 3, padding=1, bias=False), nn.BatchNorm2d(c_out), nn.ReLU(inplace=True)]


def _block(c_in: int, c_out: int, drop: float, convs: int = 2) -> nn.Sequential:
    layers = _conv(c_in, c_out)
    for _ in range(convs - 1):
        layers += _conv(c_out, c_out)
    return nn.Sequential(*layers, nn.MaxPool2d(2), nn.Dropout2d(drop))


class VGGNet(nn.Module):
    """Four double-conv blocks (48 -> 3 px), global average pool, linear head. Outputs logits."""

    def __init__(self, widths: tuple[int, ...], drop: float = 0.1, head_drop: float = 0.3,
                 stem_convs: int = 2) -> None:
        super().__init__()
        layers, c = [], 1
        for i, w in enumerate(widths):
            # Full-resolution convs with few channels are slow on CPU for little gain: the stem can use one.
            layers.append(_block(c, w, drop, convs=stem_convs if i == 0 else 2))
            c = w
        self.features = nn.Sequential(*layers)
        self.head = nn.Sequential(nn.Flatten(), nn.Dropout(head_drop), nn.Linear(c, len(EMOTIONS)))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.head(self.features(x).mean(dim=(2, 3)))


@ARCHS.register("vgg-s")
def vgg_s() -> nn.Module:
    """~1.2 M parameters, ~117 M MACs per 48x48 image. The shipped default (52 epochs in 100 min on 2 cores, seed 1)."""
    return VGGNet((32, 64, 128, 256))


@ARCHS.register("vgg-s1")
def vgg_s1() -> nn.Module:
    """vgg-s with a single-conv stem: ~1.16 M parameters, ~96 M MACs; about 30% faster to train on CPU."""
    return VGGNet((32, 64, 128, 256), stem_convs=1)


@ARCHS.register("vgg-t")
def vgg_t() -> nn.Module:
    """Single-conv stem, widths 24-48-96-192: ~0.65 M parameters, ~54 M MACs; half the cost of vgg-s,
    for a CPU shared with other work (the first shipped model)."""
    return VGGNet((24, 48, 96, 192), stem_convs=1)


@ARCHS.register("vgg-xs")
def vgg_xs() -> nn.Module:
    """~0.3 M parameters, ~30 M MACs: for quick runs and tests."""
    return VGGNet((16, 32, 64, 128))


@ARCHS.register("vgg-m")
def vgg_m() -> nn.Module:
    """~2.7 M parameters, ~260 M MACs."""
    return VGGNet((48, 96, 192, 384))


@ARCHS.register("vgg-l")
def vgg_l() -> nn.Module:
    """~4.7 M parameters, ~470 M MACs: a distillation teacher (a GPU's job, see ``recipe.py``)."""
    return VGGNet((64, 128, 256, 512))


class BasicBlock(nn.Module):
    """Two 3x3 convs with an identity (or 1x1 projection) shortcut, as in ResNet-18."""

    def __init__(self, c_in: int, c_out: int, stride: int) -> None:
        super().__init__()
        self.body = nn.Sequential(
            nn.Conv2d(c_in, c_out, 3, stride=stride, padding=1, bias=False), nn.BatchNorm2d(c_out),
            nn.ReLU(inplace=True), nn.Conv2d(c_out, c_out, 3, padding=1, bias=False), nn.BatchNorm2d(c_out))
        self.skip: nn.Module = nn.Identity()
        if stride != 1 or c_in != c_out:
            self.skip = nn.Sequential(nn.Conv2d(c_in, c_out, 1, stride=stride, bias=False), nn.BatchNorm2d(c_out))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return F.relu(self.body(x) + self.skip(x))


class ResNet(nn.Module):
    """A ResNet-18-style net for small gray faces: a 3x3 stem (no early downsampling), two blocks per stage."""

    def __init__(self, widths: tuple[int, ...], head_drop: float = 0.3) -> None:
        super().__init__()
        layers: list[nn.Module] = [*_conv(1, widths[0])]
        c = widths[0]
        for i, w in enumerate(widths):
            layers += [BasicBlock(c, w, stride=1 if i == 0 else 2), BasicBlock(w, w, stride=1)]
            c = w
        self.features = nn.Sequential(*layers)
        self.head = nn.Sequential(nn.Flatten(), nn.Dropout(head_drop), nn.Linear(c, len(EMOTIONS)))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.head(self.features(x).mean(dim=(2, 3)))


@ARCHS.register("resnet-18")
def resnet_18() -> nn.Module:
    """~11 M parameters, ~1.8 G MACs at 48 px: the deepest distillation teacher."""
    return ResNet((64, 128, 256, 512))


class Upsampled(nn.Module):
    """Runs ``net`` on its 48 px input resized to ``size`` px: a teacher that sees finer feature maps."""

    def __init__(self, net: nn.Module, size: int) -> None:
        super().__init__()
        self.net, self.size = net, size

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        if x.shape[-1] != self.size:
            x = F.interpolate(x, size=(self.size, self.size), mode="bilinear", align_corners=False)
        return self.net(x)


class Ensemble(nn.Module):
    """Averages its members' log-probabilities: several trained nets exported as one ONNX graph, so the app
    still runs a single model. Log-probabilities rather than logits, so no member dominates by its scale."""

    def __init__(self, members: list[nn.Module]) -> None:
        super().__init__()
        self.members = nn.ModuleList(members)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return torch.stack([F.log_softmax(m(x), dim=1) for m in self.members]).mean(dim=0)


def create_model(arch: str, size: int = 48) -> nn.Module:
    """The named net; ``size`` > 48 wraps it in :class:`Upsampled` (the checkpoint's arch stays the name)."""
    net = ARCHS.get(arch)()
    return net if size == 48 else Upsampled(net, size)
