from enum import StrEnum

class PlaylistFormat(StrEnum):
    JSON = "json"
    M3U8 = "m3u8"
    XSPF = "xspf"

    def __str__(self) -> str:
        return str(self.value)
