"""Page script: renders ``moodify.ui.views.settings``."""

from moodify.ui.views.settings import render

render()
