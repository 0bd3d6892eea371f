"""Page script: renders ``moodify.ui.views.scan``."""

from moodify.ui.views.scan import render

render()
