"""Social Value Plan Builder: Lancashire TOMs social value delivery plans, exported to Word."""

__version__ = "0.2.0"
APP_NAME = "Social Value Plan Builder"
ORG_NAME = "svplan"
