"""The analysis engine: plain Python, no Django. Article text in, claims, figures and contradictions out."""

from .contradictions import detect_contradictions
from .documents import (
    DEFAULT_MAX_BYTES,
    ArticleError,
    ArticleInput,
    article_from_bytes,
    read_article,
    read_articles,
)
from .facts import ClaimFacts, Contradiction, FigureFacts
from .pipeline import AnalysisResult, ArticleRecord, analysis_to_json, analyze

__all__ = [
    "DEFAULT_MAX_BYTES",
    "AnalysisResult",
    "ArticleError",
    "ArticleInput",
    "ArticleRecord",
    "ClaimFacts",
    "Contradiction",
    "FigureFacts",
    "analysis_to_json",
    "analyze",
    "article_from_bytes",
    "detect_contradictions",
    "read_article",
    "read_articles",
]
