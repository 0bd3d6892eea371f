from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from moodify.errors import ModelError
from moodify.text.encoder import SentenceEncoder
from moodify.text.model import SHIPPED_DIR, TextModel

EMBEDDING = 384  # the features start with the unit-length sentence embedding; earlier layers' means follow


def test_embedding_part_is_unit_length_and_nearly_batch_independent(text_model: TextModel) -> None:
    texts = ["short", "a somewhat longer sentence that needs padding in a batch", "third one here"]
    batch = text_model.encoder.encode(texts, batch_size=3).embeddings[:, :EMBEDDING]
    np.testing.assert_allclose(np.linalg.norm(batch, axis=1), 1.0, atol=1e-4)
    for i, text in enumerate(texts):
        alone = text_model.encoder.encode([text]).embeddings[0, :EMBEDDING]
        # int8 activations are scaled per batch, so batching moves embeddings a little, never far.
        assert float(alone @ batch[i]) > 0.95
    # The default (one at a time, as serving does) gives each text exactly its own embedding.
    np.testing.assert_allclose(text_model.encoder.encode(texts).embeddings[1],
                               text_model.encoder.encode([texts[1]]).embeddings[0], atol=1e-6)


def test_similar_sentences_are_closer_than_unrelated_ones(text_model: TextModel) -> None:
    features = text_model.encoder.encode(["I am very happy", "I feel so glad", "The invoice is attached"]).embeddings
    a, b, c = features[:, :EMBEDDING]
    assert a @ b > a @ c


def test_long_text_is_truncated_and_flagged(tmp_path: Path) -> None:
    encoder = SentenceEncoder(SHIPPED_DIR / "encoder.int8.onnx", SHIPPED_DIR / "tokenizer.json", max_tokens=16)
    out = encoder.encode(["word " * 100, "two words"])
    assert out.truncated == (True, False)
    assert out.n_tokens[0] == 16


def test_missing_files_raise_model_error(tmp_path: Path) -> None:
    with pytest.raises(ModelError, match="missing"):
        SentenceEncoder(tmp_path / "none.onnx", SHIPPED_DIR / "tokenizer.json")
    (tmp_path / "bad.onnx").write_bytes(b"garbage")
    with pytest.raises(ModelError, match="cannot load"):
        SentenceEncoder(tmp_path / "bad.onnx", SHIPPED_DIR / "tokenizer.json")
