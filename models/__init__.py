"""parkdb's normalized schema (SQLAlchemy 2.0 typed models), one module per concern.

`Base.metadata` is what Alembic compares against the migrations.
"""
from models.base import Base
from models.entities import (
    Enterprise, EnterpriseAlias, Institution, InstitutionAlias, Platform, PlatformAlias, Project, ProjectAlias,
    Region,
)
from models.facts import Designation, EntityArticle, EntityMention, Fact, FactSeries, Metric, MetricAlias
from models.sources import LoadRun, RejectedFile, Source, SourcePath

metadata = Base.metadata

__all__ = [
    "Base", "Designation", "Enterprise", "EnterpriseAlias", "EntityArticle", "EntityMention", "Fact", "FactSeries",
    "Institution", "InstitutionAlias", "LoadRun", "Metric", "MetricAlias", "Platform", "PlatformAlias", "Project",
    "ProjectAlias", "Region", "RejectedFile", "Source", "SourcePath", "metadata",
]
