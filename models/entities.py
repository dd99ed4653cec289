"""Platforms, enterprises, projects, institutions and regions, each with its aliases.

An entity row is shared by every article that names it; where an article names it
is in entity_mentions.  Names are the fullest form seen; other forms are aliases.
"""
from __future__ import annotations

from datetime import datetime
from decimal import Decimal

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from loaders.records import PLATFORM_KINDS, PROJECT_STATUSES
from models.base import Base, created_column, id_column, one_of

REGION_LEVELS = ("province", "city", "district", "county", "other")


def name_column(what: str) -> Mapped[str]:
    """The canonical name, unique within its kind."""
    return mapped_column(sa.Text, nullable=False, unique=True,
                         comment=f"Canonical name of the {what}: the fullest form the articles give.")


def key_column(what: str) -> Mapped[str]:
    """The stable identity analysts' judgements point at; never changes, even when the name does."""
    return mapped_column(sa.Text, nullable=False, unique=True,
                         comment=f"Stable key of the {what}: a hash of its kind and the name (without the city "
                                 "prefix) it was first stored under; kept through renames and merges.")


def first_source_column(what: str) -> Mapped[int | None]:
    """Provenance: the article that first named the entity."""
    return mapped_column(sa.ForeignKey("sources.id", ondelete="SET NULL"),
                         comment=f"The article in which this {what} was first seen (NULL once that article is gone).")


class Platform(Base):
    """One row per industrial platform (corridor, zone, park, incubator)."""

    __tablename__ = "platforms"
    __table_args__ = (
        sa.CheckConstraint(one_of("kind", PLATFORM_KINDS), name="kind"),
        sa.CheckConstraint("parent_id IS NULL OR parent_id <> id", name="not_own_parent"),
        {"comment": "One row per industrial platform (产业平台): corridors (走廊), zones (高新区, 经开区, 科技城), "
                    "parks and communities inside them (产业园, 产业社区, 小镇), incubators and accelerators. "
                    "parent_id builds the hierarchy (park -> zone -> corridor)."},
    )

    id: Mapped[int] = id_column("platform")
    name: Mapped[str] = name_column("platform")
    entity_key: Mapped[str] = key_column("platform")
    kind: Mapped[str] = mapped_column(sa.Text, nullable=False,
                                      comment="corridor, zone, park or incubator.")
    parent_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("platforms.id", ondelete="SET NULL"), index=True,
        comment="The platform this one lies within or on (a park in a zone, a zone on a corridor).")
    district: Mapped[str | None] = mapped_column(sa.Text, comment="Administrative district or county (临安区, 滨江区).")
    first_source_id: Mapped[int | None] = first_source_column("platform")
    created_at: Mapped[datetime] = created_column()


class Enterprise(Base):
    """One row per company, group or fund."""

    __tablename__ = "enterprises"
    __table_args__ = {"comment": "One row per enterprise: companies, company groups and investment funds. "
                                 "name is the full registered name where an article gives one."}

    id: Mapped[int] = id_column("enterprise")
    name: Mapped[str] = name_column("enterprise")
    entity_key: Mapped[str] = key_column("enterprise")
    platform_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("platforms.id", ondelete="SET NULL"), index=True,
        comment="The platform the enterprise is located on, when an article says so.")
    first_source_id: Mapped[int | None] = first_source_column("enterprise")
    created_at: Mapped[datetime] = created_column()


class Project(Base):
    """One row per named investment or construction project."""

    __tablename__ = "projects"
    __table_args__ = (
        sa.CheckConstraint(one_of("status", PROJECT_STATUSES, nullable=True), name="status"),
        sa.CheckConstraint("investment_yuan IS NULL OR investment_yuan >= 0", name="investment_not_negative"),
        {"comment": "One row per named investment or construction project, with its platform, enterprise, "
                    "planned total investment and latest reported status."},
    )

    id: Mapped[int] = id_column("project")
    name: Mapped[str] = name_column("project")
    entity_key: Mapped[str] = key_column("project")
    platform_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("platforms.id", ondelete="SET NULL"), index=True, comment="The platform the project is on.")
    enterprise_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("enterprises.id", ondelete="SET NULL"), index=True,
        comment="The enterprise behind the project.")
    investment_yuan: Mapped[Decimal | None] = mapped_column(
        sa.Numeric, comment="Planned total investment in yuan, as last reported.")
    status: Mapped[str | None] = mapped_column(
        sa.Text, comment="planned, signed, under_construction, completed or operating, as last reported.")
    first_source_id: Mapped[int | None] = first_source_column("project")
    created_at: Mapped[datetime] = created_column()


class Institution(Base):
    """One row per university, research institute, innovation centre or government body."""

    __tablename__ = "institutions"
    __table_args__ = {"comment": "One row per institution: universities, research institutes, innovation "
                                 "centres, government bodies (管委会, 局)."}

    id: Mapped[int] = id_column("institution")
    name: Mapped[str] = name_column("institution")
    entity_key: Mapped[str] = key_column("institution")
    first_source_id: Mapped[int | None] = first_source_column("institution")
    created_at: Mapped[datetime] = created_column()


class Region(Base):
    """One row per administrative region a fact is about (杭州, 钱塘区, 浙江省)."""

    __tablename__ = "regions"
    __table_args__ = (
        sa.CheckConstraint(one_of("level", REGION_LEVELS, nullable=True), name="level"),
        {"comment": "One row per administrative region that is the subject of a fact (浙江省, 杭州, 临安区)."},
    )

    id: Mapped[int] = id_column("region")
    name: Mapped[str] = name_column("region")
    level: Mapped[str | None] = mapped_column(
        sa.Text, comment="province, city, district, county or other.")
    created_at: Mapped[datetime] = created_column()


def _alias_model(owner: type[Base], what: str) -> type[Base]:
    """An alias table for owner: one row per other surface form, unique within the kind."""
    owner_table = owner.__tablename__
    fk = f"{owner_table[:-1]}_id"
    namespace = {
        "__tablename__": f"{owner_table[:-1]}_aliases",
        "__table_args__": {"comment": f"One row per alternative name of a {what}; an alias names one {what} only."},
        "__annotations__": {"id": Mapped[int], fk: Mapped[int], "alias": Mapped[str],
                            "first_source_id": Mapped[int | None], "created_at": Mapped[datetime]},
        "id": id_column(f"{what} alias"),
        fk: mapped_column(sa.ForeignKey(f"{owner_table}.id", ondelete="CASCADE"), nullable=False, index=True,
                          comment=f"The {what} this alias names."),
        "alias": mapped_column(sa.Text, nullable=False, unique=True,
                               comment=f"Another form of the {what}'s name as written in an article."),
        "first_source_id": first_source_column(f"{what} alias"),
        "created_at": created_column(),
    }
    return type(f"{owner.__name__}Alias", (Base,), namespace)


PlatformAlias = _alias_model(Platform, "platform")
EnterpriseAlias = _alias_model(Enterprise, "enterprise")
ProjectAlias = _alias_model(Project, "project")
InstitutionAlias = _alias_model(Institution, "institution")
