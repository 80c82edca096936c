"""Adapters that let our components plug into third-party frameworks."""
