"""How each emotion looks in the app: one colour and one emoji, shared by cards and charts."""

from __future__ import annotations

EMOTION_COLOURS: dict[str, str] = {
    "angry": "#f87171", "disgust": "#a3e635", "fear": "#c084fc", "happy": "#facc15",
    "sad": "#60a5fa", "surprise": "#fb923c", "neutral": "#94a3b8",
}
EMOJI: dict[str, str] = {
    "angry": "😠", "disgust": "🤢", "fear": "😨", "happy": "😊",
    "sad": "😢", "surprise": "😮", "neutral": "😐",
}
