"""Page script: renders ``moodify.ui.views.live`` inside the page's error boundary."""

from moodify.ui.boundary import guarded
from moodify.ui.views.live import render

guarded("live", render)
