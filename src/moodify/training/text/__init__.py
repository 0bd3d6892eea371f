"""Training the text emotion model: embeddings, the head, optional fine-tuning, ONNX export."""
