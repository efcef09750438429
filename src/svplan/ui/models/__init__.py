"""Qt item models over a PlanDocument: the measure tree (with its filter) and the commitments."""

from svplan.ui.models.commitments import CommitmentsModel
from svplan.ui.models.measure_filter import MeasureFilterProxy
from svplan.ui.models.measure_tree import Kind, MeasureTreeModel

__all__ = ["CommitmentsModel", "Kind", "MeasureFilterProxy", "MeasureTreeModel"]
