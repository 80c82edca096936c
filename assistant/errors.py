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


class DocumentLimitError(IngestError):
    """A document goes beyond an ingest limit (settings `ingest_max_*`); the message names the
    setting that raises it. The document is reported as failed; the other files go on."""


class TooManyPagesError(DocumentLimitError):
    pass


class TooMuchTextError(DocumentLimitError):
    """A page, or the whole document, yields more text than the limit (a small PDF can expand to
    megabytes of text)."""


class IngestTimeLimitError(DocumentLimitError):
    """Reading, cleaning and cutting one document took longer than `ingest_max_seconds`."""


class IngestBusyError(BeleidError):
    """Another ingest (a CLI run or an upload job) held the ingest lock longer than we may wait."""


class EmbedderMismatchError(BeleidError):
    """The index was built with another embedding model; vectors would not be comparable."""


class IndexEmptyError(BeleidError):
    pass


class UnknownDocumentError(BeleidError):
    pass


class LLMError(BeleidError):
    pass


class ConfigurationError(BeleidError):
    """Settings that cannot work together; the message says which to change."""


class CorpusNotFoundError(ConfigurationError):
    """The default corpus folder does not exist (an installed package ships no demo corpus)."""
