"""Page script: renders ``moodify.ui.views.account`` inside the page's error boundary."""

from moodify.ui.boundary import guarded
from moodify.ui.views.account import render

guarded("account", render)
