"""Page script: renders ``moodify.ui.views.settings`` inside the page's error boundary."""

from moodify.ui.boundary import guarded
from moodify.ui.views.settings import render

guarded("settings", render)
