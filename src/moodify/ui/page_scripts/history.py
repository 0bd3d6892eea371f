"""Page script: renders ``moodify.ui.views.history``."""

from moodify.ui.views.history import render

render()
