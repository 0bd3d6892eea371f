from enum import StrEnum

class PreferencesIODefaultMode(StrEnum):
    CALM = "calm"
    CUSTOM = "custom"
    LIFT = "lift"
    MATCH = "match"

    def __str__(self) -> str:
        return str(self.value)
