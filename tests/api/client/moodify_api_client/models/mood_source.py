from enum import StrEnum

class MoodSource(StrEnum):
    CAMERA = "camera"
    CORRECTION = "correction"
    LIVE = "live"
    MANUAL = "manual"
    TEXT = "text"
    UPLOAD = "upload"

    def __str__(self) -> str:
        return str(self.value)
