from enum import StrEnum

class Emotion(StrEnum):
    ANGRY = "angry"
    DISGUST = "disgust"
    FEAR = "fear"
    HAPPY = "happy"
    NEUTRAL = "neutral"
    SAD = "sad"
    SURPRISE = "surprise"

    def __str__(self) -> str:
        return str(self.value)
