"""Training the face emotion model (PyTorch; the only place besides ``training.text`` that imports torch)."""
