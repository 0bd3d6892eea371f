"""One router per resource, joined in :mod:`moodify.api.app`."""
