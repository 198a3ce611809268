"""Plan: choose each section's layout variant and the page plan from measured layouts.

Stage between the assets (photos, QR codes, org chart) and the final PDF: the render layer
lays out what the planner asks for, the planner measures it and decides.

    plan_sections(views, layout, multiple=4) -> Plan
"""

from .planner import Plan, PlannedSection, PlanningError, PlanSummary, plan_sections

__all__ = ["Plan", "PlannedSection", "PlanningError", "PlanSummary", "plan_sections"]
