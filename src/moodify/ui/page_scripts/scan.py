"""Page script: renders ``moodify.ui.views.scan`` inside the page's error boundary."""

from moodify.ui.boundary import guarded
from moodify.ui.views.scan import render

guarded("scan", render)
