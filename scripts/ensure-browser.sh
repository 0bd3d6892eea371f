#!/usr/bin/env bash
# Makes sure Debian chromium is installed for the browser end-to-end test (filled in by the UI work).
exit 0
