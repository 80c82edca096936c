"""Prompts and user-facing Dutch text, as package data: `assistant.prompts` reads these files
through `importlib.resources`, in a checkout and in an installed wheel alike."""
