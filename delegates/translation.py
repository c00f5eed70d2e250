"""The delegates app's texts per language: modeltranslation reads this module;
each room registers its own models in its translation.py."""

from .questions import translation  # noqa: F401
