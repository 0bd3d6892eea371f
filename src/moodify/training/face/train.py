"""Train an emotion CNN on CPU with checkpoints, resume, early stopping. Only this package imports torch."""

from __future__ import annotations

import json
import logging
import math
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

import numpy as np
import torch
import torch.nn.functional as F

from moodify.metrics import accuracy
from moodify.training.face.augment import augment
from moodify.training.face.data import Split, load_dataset
from moodify.training.face.model import create_model

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class TrainConfig:
    data: Path
    out: Path
    arch: str = "vgg-s"
    epochs: int = 40
    batch_size: int = 128
    lr: float = 3e-3
    weight_decay: float = 5e-4
    label_smoothing: float = 0.1
    balance_power: float = 0.5  # class weights ~ (1/freq)^power: 0 none, 1 fully balanced
    warmup_epochs: int = 2
    patience: int = 10
    time_budget_s: float | None = None  # the schedule also ends when this much training time is spent
    seed: int = 0
    threads: int = 2


@dataclass
class TrainState:
    """What a checkpoint needs to resume exactly where it stopped."""

    epoch: int = 0
    best_val: float = -1.0
    best_epoch: int = -1
    elapsed_s: float = 0.0
    progress: float = 0.0
    history: list[dict[str, float]] = field(default_factory=list)


def class_weights(counts: np.ndarray, power: float) -> torch.Tensor:
    w = (counts.sum() / np.maximum(counts, 1)) ** power
    return torch.tensor(w / w.mean(), dtype=torch.float32)


def progress(epoch: float, elapsed_s: float, cfg: TrainConfig) -> float:
    """Fraction of the run done, by epochs or by the time budget, whichever is further (0..1)."""
    p = epoch / cfg.epochs
    if cfg.time_budget_s:
        p = max(p, elapsed_s / cfg.time_budget_s)
    return min(1.0, p)


def lr_at(p: float, cfg: TrainConfig) -> float:
    """Linear warm-up over the first ``warmup_epochs``, then cosine decay to 2% of the peak at p = 1."""
    warm = min(0.5, cfg.warmup_epochs / cfg.epochs)
    if p < warm:
        return cfg.lr * (p + 1e-3) / warm
    t = (p - warm) / max(1e-9, 1 - warm)
    return cfg.lr * (0.02 + 0.98 * 0.5 * (1 + math.cos(math.pi * min(1.0, t))))


@torch.no_grad()
def predict_logits(model: torch.nn.Module, x: np.ndarray, batch: int = 512) -> np.ndarray:
    model.eval()
    outs = []
    for i in range(0, len(x), batch):
        xb = torch.from_numpy(x[i : i + batch]).to(memory_format=torch.channels_last)
        logits = model(xb)
        outs.append(logits.float().numpy())
    return np.concatenate(outs)


def train(cfg: TrainConfig) -> dict[str, object]:
    """Runs (or resumes) training; returns the summary written to ``out/summary.json``."""
    torch.set_num_threads(cfg.threads)
    torch.manual_seed(cfg.seed)
    cfg.out.mkdir(parents=True, exist_ok=True)
    splits = load_dataset(cfg.data, cache_dir=cfg.out / "cache", seed=cfg.seed)
    train_split, val = splits["train"], splits["val"]
    log.info("train %d, val %d, counts %s", len(train_split), len(val), train_split.counts().tolist())

    model = create_model(cfg.arch).to(memory_format=torch.channels_last)  # type: ignore[call-overload]
    opt = torch.optim.AdamW(model.parameters(), lr=cfg.lr, weight_decay=cfg.weight_decay)
    weights = class_weights(train_split.counts(), cfg.balance_power)
    state = TrainState()
    last = cfg.out / "last.pt"
    if last.exists():
        ckpt = torch.load(last, weights_only=False)
        model.load_state_dict(ckpt["model"])
        opt.load_state_dict(ckpt["opt"])
        state = TrainState(**ckpt["state"])
        # the run may be resumed with more epochs or another budget: recompute where we are
        state.progress = progress(state.epoch, state.elapsed_s, cfg)
        log.info("resumed from epoch %d (best val %.4f)", state.epoch, state.best_val)

    gen = torch.Generator().manual_seed(cfg.seed + state.epoch)
    while state.progress < 1.0:
        t0 = time.perf_counter()
        loss, state.progress = _train_epoch(model, opt, train_split, weights, cfg, state.epoch, gen, state.elapsed_s)
        val_acc = accuracy(val.y, predict_logits(model, val.x).argmax(axis=1))
        seconds = time.perf_counter() - t0
        state.elapsed_s += seconds
        state.epoch += 1
        record = {"epoch": state.epoch, "loss": round(loss, 4), "val_acc": round(val_acc, 4),
                  "lr": round(lr_at(state.progress, cfg), 6), "progress": round(state.progress, 4),
                  "seconds": round(seconds, 1)}
        state.history.append(record)
        if val_acc > state.best_val:
            state.best_val, state.best_epoch = val_acc, state.epoch
            torch.save({"model": model.state_dict(), "arch": cfg.arch}, cfg.out / "best.pt")
        torch.save({"model": model.state_dict(), "opt": opt.state_dict(), "state": asdict(state),
                    "config": _jsonable(cfg)}, cfg.out / "last.tmp")
        (cfg.out / "last.tmp").replace(last)  # atomic: a kill mid-save never corrupts the checkpoint
        with open(cfg.out / "history.jsonl", "a") as fh:
            fh.write(json.dumps(record) + "\n")
        log.info("epoch %s", record)
        if state.epoch - state.best_epoch >= cfg.patience:
            log.info("early stop: no val improvement for %d epochs", cfg.patience)
            break
    summary = {"config": _jsonable(cfg), "best_val_acc": state.best_val, "best_epoch": state.best_epoch,
               "epochs_run": state.epoch, "elapsed_s": round(state.elapsed_s), "history": state.history}
    (cfg.out / "summary.json").write_text(json.dumps(summary, indent=2))
    return summary


def _train_epoch(model: torch.nn.Module, opt: torch.optim.Optimizer, data: Split, weights: torch.Tensor,
                 cfg: TrainConfig, epoch: int, gen: torch.Generator, elapsed_s: float) -> tuple[float, float]:
    """One pass over ``data`` (cut short if the time budget runs out). Returns (mean loss, progress)."""
    model.train()
    t0 = time.perf_counter()
    order = torch.randperm(len(data), generator=gen).numpy()
    steps = math.ceil(len(order) / cfg.batch_size)
    total, seen, p = 0.0, 0, 0.0
    bar = _progress(steps, f"epoch {epoch + 1}/{cfg.epochs}")
    for step in range(steps):
        p = progress(epoch + step / steps, elapsed_s + time.perf_counter() - t0, cfg)
        if p >= 1.0:
            break
        for group in opt.param_groups:
            group["lr"] = lr_at(p, cfg)
        idx = order[step * cfg.batch_size : (step + 1) * cfg.batch_size]
        xb = augment(torch.from_numpy(data.x[idx]), gen).contiguous(memory_format=torch.channels_last)
        yb = torch.from_numpy(data.y[idx])
        loss = F.cross_entropy(model(xb), yb, weight=weights, label_smoothing=cfg.label_smoothing)
        opt.zero_grad(set_to_none=True)
        loss.backward()
        opt.step()
        total += float(loss.detach()) * len(idx)
        seen += len(idx)
        bar(step + 1)
    p = max(p, progress(epoch + 1, elapsed_s + time.perf_counter() - t0, cfg))
    return total / max(1, seen), p


def _progress(total: int, desc: str) -> Callable[[int], None]:
    try:
        from tqdm import tqdm
    except ImportError:
        return lambda n: None
    bar = tqdm(total=total, desc=desc, leave=False, mininterval=5)

    def update(n: int) -> None:
        bar.update(n - bar.n)  # update() honours mininterval: a log file gets a line every 5 s, not every step
        if n == total:
            bar.close()

    return update


def _jsonable(cfg: TrainConfig) -> dict[str, object]:
    return {k: str(v) if isinstance(v, Path) else v for k, v in asdict(cfg).items()}

