"""The distillation recipe at a tiny scale on CPU: a few hundred images, one epoch per network."""

from __future__ import annotations

import json
import time
from pathlib import Path

import numpy as np
import pytest
import torch
from typer.testing import CliRunner

from moodify.cli import app
from moodify.training.face import recipe
from moodify.training.face.augment import mix
from moodify.training.face.data import Split, load_dataset, load_npz, save_npz
from moodify.training.face.model import create_model
from moodify.training.face.recipe import BudgetError, RecipeConfig, RecipeResult, TeacherSpec, plan_epochs, run
from moodify.types import EMOTIONS
from moodify.vision.classifier import EmotionClassifier

from .conftest import _face_like

TEACHERS = (TeacherSpec("vgg-xs", 48, 1), TeacherSpec("vgg-xs", 64, 2))


def _split(name: str, per_class: int, rng: np.random.Generator) -> Split:
    y = np.repeat(np.arange(len(EMOTIONS)), per_class)
    x = np.stack([_face_like(rng, int(c)) for c in y]).astype(np.float32)[:, None] / 127.5 - 1.0
    return Split(x, y.astype(np.int64), [f"/data/{name}/{EMOTIONS[c]}/{i}.jpg" for i, c in enumerate(y)])


@pytest.fixture(scope="module")
def tiny_npz(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """280 train, 70 val, 70 test images, as the recipe's compact .npz."""
    rng = np.random.default_rng(0)
    path = tmp_path_factory.mktemp("npz") / "fer.npz"
    save_npz({"train": _split("train", 40, rng), "val": _split("val", 10, rng), "test": _split("test", 10, rng)},
             path)
    return path


def _config(data: Path, out: Path, **changes: object) -> RecipeConfig:
    base = {"data": data, "out": out, "budget_min": 5.0, "device": "cpu", "threads": 1, "max_epochs": 1,
            "teachers": TEACHERS, "student": "vgg-xs"}
    return RecipeConfig(**{**base, **changes})  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def finished(tiny_npz: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, RecipeResult]:
    out = tmp_path_factory.mktemp("distil")
    return out, run(_config(tiny_npz, out))


def test_npz_round_trips_pixels_exactly_and_shards_join(tiny_dataset: Path, tmp_path: Path) -> None:
    splits = load_dataset(tiny_dataset)
    save_npz(splits, tmp_path / "one.npz")
    shards = save_npz(splits, tmp_path / "shards" / "fer.npz", shard_mb=0.05)  # ~22 images a shard
    assert len(shards) > 3 and (tmp_path / "one.npz").stat().st_size < sum(s.x.nbytes for s in splits.values()) / 3
    for back in (load_npz(tmp_path / "one.npz"), load_npz(tmp_path / "shards")):
        assert set(back) == set(splits)
        for name, split in splits.items():
            np.testing.assert_array_equal(back[name].x, split.x)  # uint8 storage loses nothing
            np.testing.assert_array_equal(back[name].y, split.y)
            assert back[name].paths[0] == "/".join(Path(split.paths[0]).parts[-3:])


def test_teacher_spec_parses_its_text_form() -> None:
    assert TeacherSpec.parse("vgg-l@64:2") == TeacherSpec("vgg-l", 64, 2)
    assert TeacherSpec.parse("resnet-18") == TeacherSpec("resnet-18", 48, 0)
    with pytest.raises(ValueError, match="ARCH"):
        TeacherSpec.parse("vgg-l@big")


@pytest.mark.parametrize("arch,size", [("vgg-l", 48), ("resnet-18", 48), ("vgg-s", 64)])
def test_teachers_take_48_px_input(arch: str, size: int) -> None:
    assert create_model(arch, size).eval()(torch.zeros(2, 1, 48, 48)).shape == (2, len(EMOTIONS))


def test_mix_mixes_images_and_every_target_with_the_same_weight() -> None:
    gen = torch.Generator().manual_seed(3)
    x = torch.rand(32, 1, 48, 48)
    hard = torch.nn.functional.one_hot(torch.arange(32) % 7, 7).float()
    soft = torch.softmax(torch.randn(32, 7), 1)
    kinds = set()
    for _ in range(40):
        mixed, (h, s) = mix(x, [hard, soft], gen, p=1.0)
        np.testing.assert_allclose(h.sum(1).numpy(), 1.0, atol=1e-6)
        np.testing.assert_allclose(s.sum(1).numpy(), 1.0, atol=1e-6)
        kinds.add("cutmix" if bool(torch.isin(mixed, x).all()) else "mixup")
    assert kinds == {"mixup", "cutmix"}
    same, targets = mix(x, [hard], gen, p=0.0)
    assert same is x and targets[0] is hard


def test_planner_fits_the_budget_and_gives_the_student_what_teachers_leave() -> None:
    cost = {"t1": 30.0, "t2": 60.0, "s": 10.0}
    plan = plan_epochs(cost, ["t1", "t2"], "s", train_s=600, teacher_share=0.5, max_epochs=300)
    assert plan.epochs == {"t1": 5, "t2": 2, "s": 33}
    assert plan.seconds() <= 600
    assert plan_epochs(cost, ["t1"], "s", 10_000, 0.5, max_epochs=7).epochs == {"t1": 7, "s": 7}
    with pytest.raises(BudgetError, match=r"t2 1\.0 min/epoch"):
        plan_epochs(cost, ["t1", "t2"], "s", train_s=100, teacher_share=0.5, max_epochs=300)


def test_recipe_runs_every_stage_within_its_budget(finished: tuple[Path, RecipeResult]) -> None:
    out, result = finished
    plan = json.loads((out / "plan.json").read_text())
    assert set(plan["epochs"]) == {t.name for t in TEACHERS} | {"vgg-xs"}
    assert plan["train_s"] < 5 * 60 and sum(plan["epochs"][n] * plan["epoch_s"][n] for n in plan["epochs"]) \
        <= plan["train_s"]
    for run_dir in [out / t.name for t in TEACHERS] + [out / "student"]:
        history = [json.loads(line) for line in (run_dir / "history.jsonl").read_text().splitlines()]
        assert [h["epoch"] for h in history] == [1] and history[0]["lr"] == pytest.approx(0.01)
        assert history[0]["part"] == 1.0
        assert (run_dir / "best.pt").exists() and (run_dir / "last.pt").exists()
    soft = np.load(out / "soft_labels.npz")["soft"]
    assert soft.shape == (280, len(EMOTIONS)) and np.allclose(soft.sum(1), 1.0, atol=1e-5)
    assert set(result.teachers_val) == {t.name for t in TEACHERS} | {"teachers averaged"}
    assert "student" in (out / "recipe.log").read_text()
    assert result.wall_s < 5 * 60
    assert json.loads((out / "result.json").read_text())["student_val"] == result.student_val


def test_recipe_exports_a_student_the_app_loads(finished: tuple[Path, RecipeResult]) -> None:
    out, result = finished
    card = json.loads((out / "model" / "emotion.json").read_text())
    assert card["arch"] == "vgg-xs" and card["tta"] is True and card["runs"][0]["run"] == "student"
    assert card["runs"][0]["epochs_run"] == 1 and card["temperature"] == pytest.approx(result.temperature)
    assert result.parity_max_abs_diff < 1e-4 and result.test is not None and result.test["n"] == 70
    assert "## Test (70 images)" in (out / "model" / "emotion.md").read_text()
    clf = EmotionClassifier(out / "model" / "emotion.onnx")
    probs = clf.probabilities(np.zeros((3, 1, 48, 48), np.float32))
    np.testing.assert_allclose(probs.sum(1), 1.0, atol=1e-6)
    # compared with the shipped model on the same val images; a student of one tiny epoch cannot win
    assert result.beats_shipped is False and result.shipped is False
    assert result.shipped_model_val is not None and 0 < result.shipped_model_val <= 1


def test_resume_finishes_an_interrupted_run_without_redoing_work(tiny_npz: Path, tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    cfg = _config(tiny_npz, tmp_path, teachers=TEACHERS[:1], max_epochs=2)

    def killed(*args: object) -> None:
        raise KeyboardInterrupt

    with monkeypatch.context() as m:
        m.setattr(recipe, "_soft_labels", killed)  # the teacher finishes, then the run dies
        with pytest.raises(KeyboardInterrupt):
            run(cfg)
    teacher = tmp_path / TEACHERS[0].name
    before = (teacher / "history.jsonl").read_text()
    plan = (tmp_path / "plan.json").read_text()
    result = run(cfg)
    assert (teacher / "history.jsonl").read_text() == before  # the teacher was not trained again
    assert (tmp_path / "plan.json").read_text() == plan  # nor the plan measured again
    student = [json.loads(line) for line in (tmp_path / "student" / "history.jsonl").read_text().splitlines()]
    assert [h["epoch"] for h in student] == [1, 2] and result.shipped is False


def test_resume_mid_network_continues_from_its_last_epoch(tiny_npz: Path, tmp_path: Path) -> None:
    splits = load_npz(tiny_npz)
    dev = torch.device("cpu")
    trainer = recipe.Trainer(_config(tiny_npz, tmp_path), dev, recipe.DeviceData.of(splits["train"], dev),
                             recipe.DeviceData.of(splits["val"], dev))
    first = trainer.fit(tmp_path / "net", "vgg-xs", 48, 0, epochs=1, limit_s=1e9)
    ckpt = torch.load(tmp_path / "net" / "last.pt", weights_only=False)
    ckpt["state"]["done"] = False  # as if killed before the end of its schedule
    torch.save(ckpt, tmp_path / "net" / "last.pt")
    second = trainer.fit(tmp_path / "net", "vgg-xs", 48, 0, epochs=2, limit_s=1e9)
    assert first.epoch == 1 and second.epoch == 2
    assert [h["epoch"] for h in second.history] == [1, 2]


def test_a_budget_too_small_is_refused_with_the_costs(tiny_npz: Path, tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    # the epoch costs as measured on a slow device: whether a real 6-s budget fits depends on the machine's load
    monkeypatch.setattr(recipe.Trainer, "epoch_seconds", lambda self, arch, size, steps=3: 30.0)
    res = CliRunner().invoke(app, ["train", "--recipe", "distil", "--data", str(tiny_npz), "--out", str(tmp_path),
                                   "--budget-min", "0.1", "--device", "cpu", "--threads", "1",
                                   "--teacher", "vgg-xs@64:1"])
    assert res.exit_code == 2 and "0.5 min/epoch" in res.output and "Traceback" not in res.output
    assert not (tmp_path / "student").exists()  # nothing trained


def test_train_cli_rejects_a_bad_recipe_device_or_teacher(tiny_npz: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    base = ["train", "--data", str(tiny_npz), "--out", str(tmp_path / "o")]
    res = runner.invoke(app, [*base, "--recipe", "magic"])
    assert res.exit_code == 2 and "plain or distil" in res.output
    res = runner.invoke(app, [*base, "--recipe", "distil", "--device", "tpu"])
    assert res.exit_code == 2 and "auto, cpu or cuda" in res.output
    res = runner.invoke(app, [*base, "--recipe", "distil", "--teacher", "vgg-huge"])
    assert res.exit_code == 2 and "unknown teacher arch vgg-huge" in res.output
    res = runner.invoke(app, ["train", "--recipe", "distil", "--data", str(tmp_path / "none.npz"),
                              "--out", str(tmp_path / "o")])
    assert res.exit_code == 2 and "does not exist" in res.output


def test_a_network_left_no_time_is_cut_after_one_step_and_still_gives_a_model(tiny_npz: Path, tmp_path: Path) -> None:
    splits = load_npz(tiny_npz)
    dev = torch.device("cpu")
    trainer = recipe.Trainer(_config(tiny_npz, tmp_path), dev, recipe.DeviceData.of(splits["train"], dev),
                             recipe.DeviceData.of(splits["val"], dev))
    state = trainer.fit(tmp_path / "late", "vgg-xs", 48, 0, epochs=5, limit_s=0.0)
    assert state.epoch == 1 and state.done and (tmp_path / "late" / "best.pt").exists()
    assert state.history[0]["part"] == pytest.approx(1 / 4)  # cut after its first step of four


def test_a_cpu_busier_than_when_measured_does_not_cut_a_teacher_inside_its_share(
        tiny_npz: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # measured on a quiet machine (10 ms an epoch), trained on a busy one: the teacher's one epoch (capped by
    # max_epochs) takes longer than measured, but far less than its share of the five minutes
    monkeypatch.setattr(recipe.Trainer, "epoch_seconds", lambda self, arch, size: 0.01)
    run(_config(tiny_npz, tmp_path, teachers=TEACHERS[:1]))
    for net in (TEACHERS[0].name, "student"):
        history = [json.loads(line) for line in (tmp_path / net / "history.jsonl").read_text().splitlines()]
        assert [(h["epoch"], h["part"]) for h in history] == [(1, 1.0)], net


def test_train_cli_hands_the_recipe_its_options_and_prints_the_result(
        tiny_npz: Path, tmp_path: Path, finished: tuple[Path, RecipeResult], monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[RecipeConfig] = []

    def fake_run(cfg: RecipeConfig) -> RecipeResult:
        seen.append(cfg)
        return finished[1]

    monkeypatch.setattr(recipe, "run", fake_run)
    res = CliRunner().invoke(app, ["train", "--recipe", "distil", "--data", str(tiny_npz), "--out", str(tmp_path),
                                   "--budget-min", "2.5", "--device", "cpu", "--threads", "1", "--seed", "4",
                                   "--teacher", "vgg-l@64:2", "--teacher", "resnet-18"])
    assert res.exit_code == 0, res.output
    (cfg,) = seen
    assert (cfg.budget_min, cfg.device, cfg.threads, cfg.seed, cfg.ship) == (2.5, "cpu", 1, 4, False)
    assert cfg.teachers == (TeacherSpec("vgg-l", 64, 2), TeacherSpec("resnet-18", 48, 0)) and cfg.student == "vgg-s"
    printed = json.loads(res.output.strip().splitlines()[-1])
    assert printed["student_val"] == finished[1].student_val and printed["shipped"] is False


def test_image_folders_are_decoded_once_into_the_run_folder(tiny_dataset: Path, tmp_path: Path) -> None:
    cfg = _config(tiny_dataset, tmp_path)
    first = recipe.load_splits(cfg)
    assert (tmp_path / "data.npz").exists() and {len(s) for s in first.values()} == {84, 28}
    (tmp_path / "data.npz").replace(tmp_path / "moved.npz")
    np.testing.assert_array_equal(recipe.load_splits(_config(tmp_path / "moved.npz", tmp_path))["val"].x,
                                  first["val"].x)


def test_a_network_gets_its_planned_time_but_never_past_the_budget() -> None:
    cfg = RecipeConfig(data=Path("."), out=Path("."), budget_min=10, reserve_frac=0.1)  # 540 s to train
    now = time.perf_counter()
    assert recipe.time_share(cfg, now, planned_s=100) == pytest.approx(100, abs=1)
    assert recipe.time_share(cfg, now - 500, planned_s=100) == pytest.approx(40, abs=1)  # 40 s left
    assert recipe.time_share(cfg, now - 600, planned_s=100) == 0.0  # over: the network still gets one step
