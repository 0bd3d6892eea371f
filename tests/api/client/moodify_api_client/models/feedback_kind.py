from enum import StrEnum

class FeedbackKind(StrEnum):
    DISLIKE = "dislike"
    FINISHED = "finished"
    LIKE = "like"
    PLAY = "play"
    SKIP = "skip"

    def __str__(self) -> str:
        return str(self.value)
