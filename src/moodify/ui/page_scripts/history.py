"""Page script: renders ``moodify.ui.views.history`` inside the page's error boundary."""

from moodify.ui.boundary import guarded
from moodify.ui.views.history import render

guarded("history", render)
