from enum import StrEnum

class Mode(StrEnum):
    CALM = "calm"
    CUSTOM = "custom"
    LIFT = "lift"
    MATCH = "match"

    def __str__(self) -> str:
        return str(self.value)
