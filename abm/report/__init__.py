"""Exportable reports (self-contained files a person can open offline)."""

from abm.report.meeting import meeting_report_html

__all__ = ["meeting_report_html"]
