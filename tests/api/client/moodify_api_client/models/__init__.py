""" Contains all the data models used in inputs/outputs """

from .body_emotion_from_image import BodyEmotionFromImage
from .body_emotion_from_voice import BodyEmotionFromVoice
from .box_out import BoxOut
from .confirm_in import ConfirmIn
from .confirm_out import ConfirmOut
from .credentials import Credentials
from .current_mood_out import CurrentMoodOut
from .emotion import Emotion
from .emotion_result import EmotionResult
from .export_format import ExportFormat
from .face_out import FaceOut
from .feedback_in import FeedbackIn
from .feedback_kind import FeedbackKind
from .feedback_out import FeedbackOut
from .fused_emotion import FusedEmotion
from .health import Health
from .history_out import HistoryOut
from .image_emotion import ImageEmotion
from .mode import Mode
from .mood_event_out import MoodEventOut
from .mood_point_out import MoodPointOut
from .mood_source import MoodSource
from .new_playlist import NewPlaylist
from .password_change import PasswordChange
from .playlist_format import PlaylistFormat
from .playlist_list import PlaylistList
from .playlist_out import PlaylistOut
from .preferences_io import PreferencesIO
from .probabilities import Probabilities
from .problem import Problem
from .problem_errors_type_0_item import ProblemErrorsType0Item
from .recommendations import Recommendations
from .session_out import SessionOut
from .shown_track_out import ShownTrackOut
from .text_emotion import TextEmotion
from .text_emotion_out import TextEmotionOut
from .text_in import TextIn
from .track_out import TrackOut
from .user_out import UserOut
from .voice_emotion import VoiceEmotion

__all__ = (
    "BodyEmotionFromImage",
    "BodyEmotionFromVoice",
    "BoxOut",
    "ConfirmIn",
    "ConfirmOut",
    "Credentials",
    "CurrentMoodOut",
    "Emotion",
    "EmotionResult",
    "ExportFormat",
    "FaceOut",
    "FeedbackIn",
    "FeedbackKind",
    "FeedbackOut",
    "FusedEmotion",
    "Health",
    "HistoryOut",
    "ImageEmotion",
    "Mode",
    "MoodEventOut",
    "MoodPointOut",
    "MoodSource",
    "NewPlaylist",
    "PasswordChange",
    "PlaylistFormat",
    "PlaylistList",
    "PlaylistOut",
    "PreferencesIO",
    "Probabilities",
    "Problem",
    "ProblemErrorsType0Item",
    "Recommendations",
    "SessionOut",
    "ShownTrackOut",
    "TextEmotion",
    "TextEmotionOut",
    "TextIn",
    "TrackOut",
    "UserOut",
    "VoiceEmotion",
)
