"""The distillation recipe: teachers -> their averaged soft labels -> a student of the shipped size -> ONNX.

One wall-clock budget drives it all: each network's epoch is timed first, then the budget is split (teachers
``teacher_share``, the student the rest) and each network gets the epochs that fit. Every network trains with
the optimiser and schedule of Khaireddin & Chen 2021 (SGD, Nesterov momentum 0.9, lr 0.01, weight decay 1e-4,
LR x0.75 when val accuracy has not improved for 5 epochs), flips/shifts/erasing plus mixup or cutmix.
The student learns from the teachers' temperature-softened probabilities (averaged over teachers and over
each image and its mirror) mixed with the hard labels. Data live on the device as uint8; on CUDA the forward
pass runs in bfloat16. Every stage checkpoints under ``out/``; running the same command again resumes.
"""

from __future__ import annotations

import json
import logging
import math
import shutil
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import torch
import torch.nn.functional as F
from torch.optim.lr_scheduler import ReduceLROnPlateau as Plateau

from moodify.metrics import accuracy
from moodify.training.face.augment import augment, mix
from moodify.training.face.data import Split, load_dataset, load_npz, save_npz
from moodify.training.face.model import create_model
from moodify.types import EMOTIONS

if TYPE_CHECKING:
    from moodify.vision.classifier import EmotionClassifier

log = logging.getLogger("moodify.training.face.recipe")  # not __name__: run with -m it is "__main__", outside
# the "moodify" logger whose handler writes the run's recipe.log
N_CLASSES = len(EMOTIONS)


@dataclass(frozen=True)
class TeacherSpec:
    """A teacher: an arch name, the size its 48 px input is resized to, and its seed. Text form ``arch@size:seed``."""

    arch: str
    size: int = 48
    seed: int = 0

    @classmethod
    def parse(cls, text: str) -> TeacherSpec:
        rest, _, seed = text.partition(":")
        arch, _, size = rest.partition("@")
        try:
            return cls(arch, int(size or 48), int(seed or 0))
        except ValueError:
            raise ValueError(f"teacher {text!r} is not ARCH[@SIZE][:SEED], e.g. vgg-l@64:1") from None

    @property
    def name(self) -> str:
        return f"teacher-{self.arch}-{self.size}px-s{self.seed}"


# For a GPU: a wider VGG at 48 px and at 64 px, and a ResNet-18, each with its own seed.
DEFAULT_TEACHERS = (TeacherSpec("vgg-l", 48, 1), TeacherSpec("vgg-l", 64, 2), TeacherSpec("resnet-18", 48, 3))


@dataclass(frozen=True)
class RecipeConfig:
    data: Path  # FER2013 folders, or the .npz (file or folder of shards) made from them
    out: Path
    budget_min: float = 9.0
    device: str = "auto"  # auto, cpu or cuda
    teachers: tuple[TeacherSpec, ...] = DEFAULT_TEACHERS
    student: str = "vgg-s"
    teacher_share: float = 0.55  # of the training time
    batch_size: int = 64
    lr: float = 0.01
    momentum: float = 0.9
    weight_decay: float = 1e-4
    plateau_factor: float = 0.75
    plateau_patience: int = 5
    max_epochs: int = 300  # the paper's; a budget usually ends a network first
    mix_p: float = 0.5  # share of batches mixed (mixup or cutmix, even odds)
    kd_temperature: float = 4.0
    kd_weight: float = 0.7  # student loss: this much distillation, the rest hard-label cross-entropy
    reserve_frac: float = 0.08  # of the budget kept for soft labels, export and checks
    threads: int | None = None  # torch CPU threads (None: torch's default)
    seed: int = 0
    ship: bool = False  # copy the student into the package, only if it beats the shipped model on val


@dataclass
class NetState:
    """One network's progress: what its ``last.pt`` needs to resume."""

    epoch: int = 0
    elapsed_s: float = 0.0
    best_val: float = -1.0
    best_epoch: int = -1
    done: bool = False
    history: list[dict[str, float]] = field(default_factory=list)


@dataclass(frozen=True)
class Plan:
    """Seconds per epoch (measured) and the epochs each network gets within the budget."""

    epoch_s: dict[str, float]
    epochs: dict[str, int]
    train_s: float  # the budget's share for training, after measuring and the reserve

    def seconds(self) -> float:
        return sum(self.epochs[n] * self.epoch_s[n] for n in self.epochs)


@dataclass(frozen=True)
class RecipeResult:
    """What a finished run measured; also ``out/result.json``."""

    plan: Plan
    teachers_val: dict[str, float]  # flip TTA, each teacher and the teachers' averaged log-probabilities
    student_val: float  # served as the app serves it (ONNX, the card's TTA mode), on the val split
    shipped_model_val: float | None  # the packaged model, the same way, on the same images
    beats_shipped: bool
    shipped: bool
    temperature: float
    parity_max_abs_diff: float
    test: dict[str, float] | None  # accuracy, macro_f1, ece, n, when the data has a test split
    wall_s: int

    def to_json(self) -> dict[str, object]:
        return asdict(self)


class BudgetError(ValueError):
    """The budget cannot give every network one epoch."""


def plan_epochs(epoch_s: dict[str, float], teachers: Sequence[str], student: str, train_s: float,
                teacher_share: float, max_epochs: int) -> Plan:
    """Teachers share ``teacher_share`` of ``train_s`` equally by time; the student gets what they leave."""
    epochs: dict[str, int] = {}
    for name in teachers:
        epochs[name] = min(max_epochs, int(each_teacher_s(train_s, teacher_share, len(teachers)) // epoch_s[name]))
    left = train_s - sum(epochs[n] * epoch_s[n] for n in teachers)
    epochs[student] = min(max_epochs, int(left // epoch_s[student]))
    short = [n for n, e in epochs.items() if e < 1]
    if short:
        need = ", ".join(f"{n} {epoch_s[n] / 60:.1f} min/epoch" for n in short)
        raise BudgetError(f"{train_s / 60:.1f} training minutes cannot give one epoch to: {need}; raise "
                          "--budget-min, use fewer or smaller teachers, or a faster device")
    return Plan(epoch_s, epochs, train_s)


def each_teacher_s(train_s: float, teacher_share: float, teachers: int) -> float:
    """One teacher's seconds: the teachers share ``teacher_share`` of the training time equally."""
    return train_s * teacher_share / teachers


@dataclass
class DeviceData:
    """uint8 images (N, 1, 48, 48) and labels, held on the training device; normalised per batch."""

    x: torch.Tensor
    y: torch.Tensor

    @classmethod
    def of(cls, split: Split, device: torch.device) -> DeviceData:
        from moodify.training.face.data import to_uint8

        return cls(torch.from_numpy(to_uint8(split.x)).to(device), torch.from_numpy(split.y).to(device))

    def __len__(self) -> int:
        return len(self.y)

    def batch(self, idx: torch.Tensor) -> torch.Tensor:
        return self.x[idx].float().div_(127.5).sub_(1.0)  # == (x/255 - 0.5) / 0.5, the app's preprocessing


def resolve_device(name: str) -> torch.device:
    if name == "auto":
        return torch.device("cuda" if torch.cuda.is_available() else "cpu")
    if name == "cuda" and not torch.cuda.is_available():
        raise ValueError("--device cuda: no CUDA device is visible to torch")
    if name not in ("cpu", "cuda"):
        raise ValueError(f"--device must be auto, cpu or cuda, not {name!r}")
    return torch.device(name)


class Trainer:
    """Trains one network of the recipe on the device data, with checkpoints in its own folder."""

    def __init__(self, cfg: RecipeConfig, device: torch.device, train: DeviceData, val: DeviceData,
                 soft: torch.Tensor | None = None) -> None:
        self.cfg, self.device, self.train, self.val, self.soft = cfg, device, train, val, soft

    def new_model(self, arch: str, size: int, seed: int) -> torch.nn.Module:
        torch.manual_seed(seed)
        return create_model(arch, size).to(self.device, memory_format=torch.channels_last)  # type: ignore[call-overload]

    def optimiser(self, model: torch.nn.Module) -> tuple[torch.optim.Optimizer, Plateau]:
        c = self.cfg
        opt = torch.optim.SGD(model.parameters(), lr=c.lr, momentum=c.momentum, nesterov=True,
                              weight_decay=c.weight_decay)
        return opt, Plateau(opt, mode="max", factor=c.plateau_factor, patience=c.plateau_patience)

    def step(self, model: torch.nn.Module, opt: torch.optim.Optimizer, idx: torch.Tensor,
             gen: torch.Generator) -> torch.Tensor:
        """One SGD step on the rows ``idx``; returns the loss (a device tensor: no host sync per step)."""
        x = augment(self.train.batch(idx), gen)
        targets = [F.one_hot(self.train.y[idx], N_CLASSES).float()]
        if self.soft is not None:
            targets.append(self.soft[idx])
        x, targets = mix(x, targets, gen, p=self.cfg.mix_p)
        with torch.autocast(self.device.type, dtype=torch.bfloat16, enabled=self.device.type == "cuda"):
            logits = model(x.contiguous(memory_format=torch.channels_last))
        loss = self.loss(logits.float(), targets)
        opt.zero_grad(set_to_none=True)
        loss.backward()
        opt.step()
        return loss.detach()

    def loss(self, logits: torch.Tensor, targets: list[torch.Tensor]) -> torch.Tensor:
        hard = -(targets[0] * F.log_softmax(logits, 1)).sum(1).mean()
        if len(targets) == 1:
            return hard
        t = self.cfg.kd_temperature
        soft = targets[1]
        # KL(teachers || student) at temperature t, scaled by t^2 so its gradients match the hard term's (Hinton)
        kd = (soft * (soft.clamp_min(1e-8).log() - F.log_softmax(logits / t, 1))).sum(1).mean() * t * t
        return self.cfg.kd_weight * kd + (1 - self.cfg.kd_weight) * hard

    def epoch_seconds(self, arch: str, size: int, steps: int = 3) -> float:
        """Times a few real training steps (after one warm-up) and one val pass: the seconds of one epoch."""
        model = self.new_model(arch, size, seed=0)
        opt, _ = self.optimiser(model)
        gen = torch.Generator().manual_seed(0)
        n_steps = max(1, len(self.train) // self.cfg.batch_size)
        idx = torch.arange(min(self.cfg.batch_size, len(self.train)), device=self.device)
        model.train()
        self.step(model, opt, idx, gen)
        self._sync()
        t0 = time.perf_counter()
        for _ in range(steps):
            self.step(model, opt, idx, gen)
        self._sync()
        step_s = (time.perf_counter() - t0) / steps
        t0 = time.perf_counter()
        logits(model, self.val, self.device, rows=min(len(self.val), eval_batch(self.device)))
        val_s = (time.perf_counter() - t0) * math.ceil(len(self.val) / eval_batch(self.device))
        return step_s * n_steps + val_s

    def fit(self, run: Path, arch: str, size: int, seed: int, epochs: int, limit_s: float) -> NetState:
        """Trains (or resumes) until ``epochs`` are done or ``limit_s`` seconds are spent."""
        run.mkdir(parents=True, exist_ok=True)
        model = self.new_model(arch, size, seed)
        opt, sched = self.optimiser(model)
        state = NetState()
        last = run / "last.pt"
        if last.exists():
            ckpt = torch.load(last, weights_only=False, map_location=self.device)
            model.load_state_dict(ckpt["model"])
            opt.load_state_dict(ckpt["opt"])
            sched.load_state_dict(ckpt["sched"])
            state = NetState(**ckpt["state"])
            log.info("%s: resumed after epoch %d (best val %.4f)", run.name, state.epoch, state.best_val)
        while not state.done and state.epoch < epochs:
            # stop before an epoch that would overrun the share by more than 5 %; the epoch itself is cut at
            # that point (after one step at least: there is always a model, even when a slow machine left none)
            if state.epoch and state.elapsed_s * (state.epoch + 1) / state.epoch > limit_s * 1.05:
                log.info("%s: its %.0f s are spent after %d epochs", run.name, limit_s, state.epoch)
                break
            t0 = time.perf_counter()
            gen = torch.Generator().manual_seed(seed * 100_003 + state.epoch)  # an epoch replays the same on resume
            loss, part = self._epoch(model, opt, gen, deadline=t0 + limit_s * 1.05 - state.elapsed_s)
            val_acc = accuracy(self.val.y.cpu().numpy(), logits(model, self.val, self.device).argmax(1))
            sched.step(val_acc)
            state.epoch += 1
            state.elapsed_s += time.perf_counter() - t0
            record = {"epoch": state.epoch, "loss": round(loss, 4), "val_acc": round(val_acc, 4),
                      "lr": opt.param_groups[0]["lr"], "seconds": round(time.perf_counter() - t0, 1),
                      "part": round(part, 3)}
            state.history.append(record)
            if val_acc > state.best_val:
                state.best_val, state.best_epoch = val_acc, state.epoch
                _save({"model": _cpu_state(model), "arch": arch, "size": size}, run / "best.pt")
            _save({"model": model.state_dict(), "opt": opt.state_dict(), "sched": sched.state_dict(),
                   "state": asdict(state), "arch": arch, "size": size}, last)
            with open(run / "history.jsonl", "a") as fh:
                fh.write(json.dumps(record) + "\n")
            log.info("%s: %s", run.name, record)
        state.done = True
        _save({"model": model.state_dict(), "opt": opt.state_dict(), "sched": sched.state_dict(),
               "state": asdict(state), "arch": arch, "size": size}, last)
        summary = {"epochs_run": state.epoch, "best_epoch": state.best_epoch, "best_val_acc": state.best_val,
                   "elapsed_s": round(state.elapsed_s), "config": {"arch": arch, "size": size, "seed": seed,
                                                                   **_jsonable(self.cfg)}}
        (run / "summary.json").write_text(json.dumps(summary, indent=2))
        return state

    def _epoch(self, model: torch.nn.Module, opt: torch.optim.Optimizer, gen: torch.Generator,
               deadline: float) -> tuple[float, float]:
        """One pass, cut short at ``deadline`` (perf_counter seconds; after at least one step) when the machine
        is slower than measured. Returns (mean loss, fraction of the epoch done)."""
        model.train()
        order = torch.randperm(len(self.train), generator=gen).to(self.device)
        steps = max(1, len(order) // self.cfg.batch_size)  # drop the ragged tail: BatchNorm needs > 1 row
        total = torch.zeros((), device=self.device)
        t0 = shown = time.perf_counter()
        done = 0
        while done < steps:
            total += self.step(model, opt, order[done * self.cfg.batch_size : (done + 1) * self.cfg.batch_size], gen)
            done += 1
            now = time.perf_counter()
            if now > deadline and done < steps:
                log.info("cut at step %d/%d: this network's time is spent", done, steps)
                break
            if now - shown > 300:  # a slow CPU epoch still shows it is moving
                shown = now
                log.info("step %d/%d, %.0f s into the epoch", done, steps, now - t0)
        return float(total) / done, done / steps

    def _sync(self) -> None:
        if self.device.type == "cuda":
            torch.cuda.synchronize()


def eval_batch(device: torch.device) -> int:
    return 2048 if device.type == "cuda" else 256


@torch.no_grad()
def logits(model: torch.nn.Module, data: DeviceData, device: torch.device, *, flip: bool = False,
           rows: int | None = None) -> np.ndarray:
    """float32 logits of the first ``rows`` images (all by default); ``flip`` averages each with its mirror."""
    model.eval()
    n = len(data) if rows is None else rows
    out = []
    for i in range(0, n, eval_batch(device)):
        x = data.batch(torch.arange(i, min(n, i + eval_batch(device)), device=device))
        with torch.autocast(device.type, dtype=torch.bfloat16, enabled=device.type == "cuda"):
            z = model(x.contiguous(memory_format=torch.channels_last)).float()
            if flip:
                z = (z + model(x.flip(3).contiguous(memory_format=torch.channels_last)).float()) / 2
        out.append(z.cpu().numpy())
    return np.concatenate(out)


def load_splits(cfg: RecipeConfig) -> dict[str, Split]:
    """The data as splits: from the .npz, or decoded from image folders once and kept as ``out/data.npz``."""
    if cfg.data.suffix == ".npz" or (cfg.data.is_dir() and any(cfg.data.glob("*.npz"))):
        return load_npz(cfg.data)
    cached = cfg.out / "data.npz"
    if cached.exists():
        return load_npz(cached)
    splits = load_dataset(cfg.data)
    save_npz(splits, cached)
    return splits


def run(cfg: RecipeConfig) -> RecipeResult:
    """The whole recipe, resumable; returns (and writes to ``out/result.json``) what it measured."""
    started = time.perf_counter()
    cfg.out.mkdir(parents=True, exist_ok=True)
    handler = logging.FileHandler(cfg.out / "recipe.log")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger("moodify")
    level = root.level
    root.addHandler(handler)
    root.setLevel(logging.INFO)  # the run's log file always gets the epochs, whatever the caller's level
    try:
        return _run(cfg, started)
    finally:
        root.removeHandler(handler)
        root.setLevel(level)
        handler.close()


def _run(cfg: RecipeConfig, started: float) -> RecipeResult:
    device = resolve_device(cfg.device)
    if cfg.threads:
        torch.set_num_threads(cfg.threads)
    if device.type == "cuda":
        torch.backends.cudnn.benchmark = True
    splits = load_splits(cfg)
    if "val" not in splits:
        raise FileNotFoundError(f"{cfg.data} has no val split: the recipe needs FER2013's train/val(/test)")
    train, val = DeviceData.of(splits["train"], device), DeviceData.of(splits["val"], device)
    log.info("device %s, train %d, val %d, budget %.1f min", device, len(train), len(val), cfg.budget_min)
    trainer = Trainer(cfg, device, train, val)
    plan = _plan(cfg, trainer, started)

    # each teacher may use its whole share of the time, not just its epochs at the measured pace: epochs are
    # whole (or capped by max_epochs), so the share has slack that absorbs a CPU busier than when measured
    teacher_s = each_teacher_s(plan.train_s, cfg.teacher_share, len(cfg.teachers))
    for spec in cfg.teachers:
        trainer.fit(cfg.out / spec.name, spec.arch, spec.size, spec.seed, plan.epochs[spec.name],
                    time_share(cfg, started, teacher_s))
    soft, teacher_val = _soft_labels(cfg, trainer)
    student_run = cfg.out / "student"
    Trainer(cfg, device, train, val, soft=soft).fit(student_run, cfg.student, 48, cfg.seed, plan.epochs[cfg.student],
                                                    time_share(cfg, started, plan.train_s - _teachers_s(cfg)))
    return _finish(cfg, splits, plan, teacher_val, started)


def time_share(cfg: RecipeConfig, started: float, planned_s: float) -> float:
    """A network's seconds: what the plan gave it, but never past the budget's end (less the reserve), so a
    stage slower than measured (a busy CPU, the soft labels) shortens the next ones instead of the deadline."""
    left = cfg.budget_min * 60 * (1 - cfg.reserve_frac) - (time.perf_counter() - started)
    return max(0.0, min(planned_s, left))


def _plan(cfg: RecipeConfig, trainer: Trainer, started: float) -> Plan:
    path = cfg.out / "plan.json"
    if path.exists():  # a resumed run keeps its plan: the epochs already done were counted in it
        return Plan(**json.loads(path.read_text()))
    nets = {spec.name: (spec.arch, spec.size) for spec in cfg.teachers} | {cfg.student: (cfg.student, 48)}
    epoch_s = {name: round(trainer.epoch_seconds(arch, size), 2) for name, (arch, size) in nets.items()}
    spent = time.perf_counter() - started
    train_s = cfg.budget_min * 60 * (1 - cfg.reserve_frac) - spent
    plan = plan_epochs(epoch_s, [s.name for s in cfg.teachers], cfg.student, train_s, cfg.teacher_share,
                       cfg.max_epochs)
    log.info("plan (%.0f s measuring): %s", spent, plan)
    path.write_text(json.dumps(asdict(plan), indent=2))
    return plan


def _teachers_s(cfg: RecipeConfig) -> float:
    """Seconds the teachers actually took (their checkpoints'), so the student gets what they left over."""
    return sum(json.loads((cfg.out / s.name / "summary.json").read_text())["elapsed_s"] for s in cfg.teachers)


def _soft_labels(cfg: RecipeConfig, trainer: Trainer) -> tuple[torch.Tensor, dict[str, float]]:
    """Each teacher's best weights -> softmax(logits / T) on every train image and its mirror, averaged."""
    path = cfg.out / "soft_labels.npz"
    if path.exists():
        z = np.load(path)
        return torch.from_numpy(z["soft"]).to(trainer.device), json.loads(str(z["val"]))
    t = cfg.kd_temperature
    soft = np.zeros((len(trainer.train), N_CLASSES), dtype=np.float64)
    val_logp = np.zeros((len(trainer.val), N_CLASSES))
    val_acc: dict[str, float] = {}
    y_val = trainer.val.y.cpu().numpy()
    for spec in cfg.teachers:
        ckpt = torch.load(cfg.out / spec.name / "best.pt", weights_only=False, map_location=trainer.device)
        model = trainer.new_model(spec.arch, spec.size, spec.seed)
        model.load_state_dict(ckpt["model"])
        z_train = logits(model, trainer.train, trainer.device, flip=True)
        soft += _softmax(z_train / t) / len(cfg.teachers)
        z_val = logits(model, trainer.val, trainer.device, flip=True)
        val_acc[spec.name] = accuracy(y_val, z_val.argmax(1))
        val_logp += np.log(_softmax(z_val)) / len(cfg.teachers)
    val_acc["teachers averaged"] = accuracy(y_val, val_logp.argmax(1))
    log.info("teachers on val (flip TTA): %s", val_acc)
    np.savez(path, soft=soft.astype(np.float32), val=np.asarray(json.dumps(val_acc)))
    return torch.from_numpy(soft.astype(np.float32)).to(trainer.device), val_acc


def _softmax(z: np.ndarray) -> np.ndarray:
    e = np.exp(z - z.max(axis=1, keepdims=True))
    return np.asarray(e / e.sum(axis=1, keepdims=True))


def _finish(cfg: RecipeConfig, splits: dict[str, Split], plan: Plan, teacher_val: dict[str, float],
            started: float) -> RecipeResult:
    """Export the student as today (ONNX, parity, temperature on val, card), compare with the shipped model
    on the same val split in the same served mode, and ship only a win."""
    from moodify.training.face.export import PACKAGE_MODEL_DIR, export
    from moodify.vision.classifier import EmotionClassifier

    model_dir = cfg.out / "model"
    result = export(cfg.out / "student", cfg.data, model_dir, splits=splits)
    student_val = _served_val_accuracy(EmotionClassifier(result.onnx_path), splits["val"])
    shipped_path = PACKAGE_MODEL_DIR / "emotion.onnx"
    shipped_val = _served_val_accuracy(EmotionClassifier(shipped_path), splits["val"]) if shipped_path.exists() \
        else None
    beats = shipped_val is None or student_val > shipped_val
    shipped = False
    if cfg.ship and beats:
        for name in ("emotion.onnx", "emotion.json", "emotion.md"):
            shutil.copy2(model_dir / name, PACKAGE_MODEL_DIR / name)
        shipped = True
    test = None if result.test is None else {k: float(result.test.to_json()[k])  # type: ignore[arg-type]
                                              for k in ("accuracy", "macro_f1", "ece", "n")}
    summary = RecipeResult(plan, teacher_val, student_val, shipped_val, beats, shipped, result.temperature,
                           result.parity_max_abs_diff, test, round(time.perf_counter() - started))
    (cfg.out / "result.json").write_text(json.dumps(summary.to_json(), indent=2))
    log.info("student val %.4f vs shipped %s: %s", student_val, shipped_val,
             "shipped" if shipped else ("beats it (not shipped: no --ship)" if beats else "not shipped"))
    return summary


def _served_val_accuracy(classifier: EmotionClassifier, val: Split) -> float:
    """Val accuracy as the app serves the model (its card's TTA mode), through onnxruntime."""
    return accuracy(val.y, classifier.logits(val.x).argmax(1))


def _cpu_state(model: torch.nn.Module) -> dict[str, torch.Tensor]:
    """The weights on the CPU, so ``export.load_checkpoint`` reads a GPU run's ``best.pt`` anywhere."""
    return {k: v.detach().cpu() for k, v in model.state_dict().items()}


def _save(obj: dict[str, object], path: Path) -> None:
    tmp = path.with_suffix(".tmp")
    torch.save(obj, tmp)
    tmp.replace(path)  # atomic: a kill mid-save never corrupts the checkpoint


def _jsonable(cfg: RecipeConfig) -> dict[str, object]:
    out: dict[str, object] = {}
    for k, v in asdict(cfg).items():
        out[k] = str(v) if isinstance(v, Path) else v
    out["teachers"] = [f"{t.arch}@{t.size}:{t.seed}" for t in cfg.teachers]
    return out



def main(argv: Sequence[str] | None = None) -> None:
    """``python -m moodify.training.face.recipe``: the recipe without the app's CLI and settings (whose
    dependencies a bare GPU image lacks); ``moodify train --recipe distil`` is the same run."""
    import argparse

    p = argparse.ArgumentParser(description=main.__doc__)
    p.add_argument("--data", type=Path, required=True)
    p.add_argument("--out", type=Path, required=True)
    p.add_argument("--budget-min", type=float, default=RecipeConfig.budget_min)
    p.add_argument("--device", default="auto", choices=("auto", "cpu", "cuda"))
    p.add_argument("--teacher", action="append", type=TeacherSpec.parse, default=[])
    p.add_argument("--threads", type=int, default=None)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--ship", action="store_true")
    a = p.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    cfg = RecipeConfig(data=a.data, out=a.out, budget_min=a.budget_min, device=a.device, threads=a.threads,
                       seed=a.seed, ship=a.ship, teachers=tuple(a.teacher) or DEFAULT_TEACHERS)
    print(json.dumps(run(cfg).to_json(), indent=2))


if __name__ == "__main__":
    main()
