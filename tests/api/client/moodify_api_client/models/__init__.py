""" Contains all the data models used in inputs/outputs """

from .body_emotion_from_image import BodyEmotionFromImage
from .box_out import BoxOut
from .confirm_in import ConfirmIn
from .confirm_in_emotion import ConfirmInEmotion
from .confirm_out import ConfirmOut
from .confirm_out_emotion import ConfirmOutEmotion
from .confirm_out_source import ConfirmOutSource
from .credentials import Credentials
from .export_format import ExportFormat
from .face_out import FaceOut
from .face_out_emotion import FaceOutEmotion
from .feedback_in import FeedbackIn
from .feedback_in_kind import FeedbackInKind
from .feedback_out import FeedbackOut
from .feedback_out_kind import FeedbackOutKind
from .fused_emotion import FusedEmotion
from .fused_emotion_emotion import FusedEmotionEmotion
from .health import Health
from .history_out import HistoryOut
from .image_emotion import ImageEmotion
from .image_emotion_likeliest_item import ImageEmotionLikeliestItem
from .mood_out import MoodOut
from .mood_out_emotion import MoodOutEmotion
from .mood_out_now import MoodOutNow
from .mood_out_now_emotion import MoodOutNowEmotion
from .mood_out_source import MoodOutSource
from .mood_point_out import MoodPointOut
from .password_change import PasswordChange
from .playlist_format import PlaylistFormat
from .playlist_list import PlaylistList
from .playlist_out import PlaylistOut
from .playlist_out_emotion import PlaylistOutEmotion
from .playlist_out_mode import PlaylistOutMode
from .preferences_io import PreferencesIO
from .preferences_io_default_mode import PreferencesIODefaultMode
from .probabilities import Probabilities
from .problem import Problem
from .problem_errors_type_0_item import ProblemErrorsType0Item
from .recommendations import Recommendations
from .recommendations_emotion import RecommendationsEmotion
from .recommendations_emotion_type_0 import RecommendationsEmotionType0
from .recommendations_mode import RecommendationsMode
from .recommendations_mode_type_0 import RecommendationsModeType0
from .session_out import SessionOut
from .shown_track_out import ShownTrackOut
from .text_emotion import TextEmotion
from .text_emotion_emotion import TextEmotionEmotion
from .text_emotion_out import TextEmotionOut
from .text_emotion_out_emotion import TextEmotionOutEmotion
from .text_in import TextIn
from .track_out import TrackOut
from .user_out import UserOut

__all__ = (
    "BodyEmotionFromImage",
    "BoxOut",
    "ConfirmIn",
    "ConfirmInEmotion",
    "ConfirmOut",
    "ConfirmOutEmotion",
    "ConfirmOutSource",
    "Credentials",
    "ExportFormat",
    "FaceOut",
    "FaceOutEmotion",
    "FeedbackIn",
    "FeedbackInKind",
    "FeedbackOut",
    "FeedbackOutKind",
    "FusedEmotion",
    "FusedEmotionEmotion",
    "Health",
    "HistoryOut",
    "ImageEmotion",
    "ImageEmotionLikeliestItem",
    "MoodOut",
    "MoodOutEmotion",
    "MoodOutNow",
    "MoodOutNowEmotion",
    "MoodOutSource",
    "MoodPointOut",
    "PasswordChange",
    "PlaylistFormat",
    "PlaylistList",
    "PlaylistOut",
    "PlaylistOutEmotion",
    "PlaylistOutMode",
    "PreferencesIO",
    "PreferencesIODefaultMode",
    "Probabilities",
    "Problem",
    "ProblemErrorsType0Item",
    "Recommendations",
    "RecommendationsEmotion",
    "RecommendationsEmotionType0",
    "RecommendationsMode",
    "RecommendationsModeType0",
    "SessionOut",
    "ShownTrackOut",
    "TextEmotion",
    "TextEmotionEmotion",
    "TextEmotionOut",
    "TextEmotionOutEmotion",
    "TextIn",
    "TrackOut",
    "UserOut",
)
