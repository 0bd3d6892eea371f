"""Page script: renders ``moodify.ui.views.live``."""

from moodify.ui.views.live import render

render()
