"""The schema reads well for a client developer (and for the generators that read it for them)."""

from __future__ import annotations

import json

from fastapi.testclient import TestClient

from moodify.types import EMOTIONS


def test_operation_ids_are_the_route_names(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()
    ids = [op["operationId"] for ops in schema["paths"].values() for op in ops.values()]
    assert len(ids) == len(set(ids)) and not [i for i in ids if "_v1_" in i or i.endswith(("_get", "_post"))]
    assert {"sign_up", "emotion_from_image", "confirm_emotion", "delete_account", "export"} <= set(ids)


def test_the_vocabulary_is_named_once_and_uploads_are_files(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()
    assert schema["components"]["schemas"]["Emotion"]["enum"] == list(EMOTIONS)
    text = json.dumps(schema["paths"]) + json.dumps({k: v for k, v in schema["components"]["schemas"].items()
                                                     if k != "Emotion"})
    assert f'"enum": {json.dumps(list(EMOTIONS))}' not in text  # every emotion field points at the one Emotion
    upload = schema["components"]["schemas"]["Body_emotion_from_image"]["properties"]["image"]
    assert upload["format"] == "binary"


def test_delete_account_takes_its_confirmation_without_a_body(client: TestClient) -> None:
    operation = client.get("/openapi.json").json()["paths"]["/v1/account"]["delete"]
    assert "requestBody" not in operation
    assert {(p["name"], p["in"]) for p in operation["parameters"]} == {("confirm", "query"),
                                                                       ("Moodify-Confirm", "header")}


def test_every_route_is_in_docs_api_md_with_an_example(client: TestClient) -> None:
    from pathlib import Path

    doc = (Path(__file__).resolve().parents[2] / "docs" / "api.md").read_text(encoding="utf-8")
    headings = [line for line in doc.splitlines() if line.startswith("### ")]
    examples = doc.split("```")[1::2]
    for path, operations in client.get("/openapi.json").json()["paths"].items():
        for method in operations:
            named = f"`{method.upper()} {path}`"
            assert named in doc, f"{named} is missing from docs/api.md"
            assert any(path in h for h in headings), f"no section for {path}"
            stem = path.split("{")[0].rstrip("/")
            assert any(stem in example for example in examples), f"no example calls {path}"
