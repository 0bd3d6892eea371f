"""Page script: renders ``moodify.ui.views.account``."""

from moodify.ui.views.account import render

render()
