"""The Summary tab: treatment and case summaries."""
