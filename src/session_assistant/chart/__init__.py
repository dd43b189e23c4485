"""The chart's AI summaries (no Qt, no database): sourced statements, staged summarisation."""

from session_assistant.chart.citations import SourceItem, SourceRef, Statement, fingerprint, parse_statements, render
from session_assistant.chart.summarizer import Summarizer, SummaryFailed, SummaryResult

__all__ = ["SourceItem", "SourceRef", "Statement", "Summarizer", "SummaryFailed", "SummaryResult", "fingerprint",
           "parse_statements", "render"]
