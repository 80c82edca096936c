"""Typed errors. Each message says what went wrong and what to do about it."""

from __future__ import annotations


class BeleidError(Exception):
    """Base class: every error we raise on purpose."""


class IngestError(BeleidError):
    """A file could not be turned into chunks; the message fits on one report line."""


class NotAPdfError(IngestError):
    pass


class EncryptedPdfError(IngestError):
    pass


class CorruptPdfError(IngestError):
    pass


class NoTextLayerError(IngestError):
    pass


class MissingMetadataError(IngestError):
    pass


class EmbedderMismatchError(BeleidError):
    """The index was built with another embedding model; vectors would not be comparable."""


class IndexEmptyError(BeleidError):
    pass


class UnknownDocumentError(BeleidError):
    pass


class LLMError(BeleidError):
    pass
