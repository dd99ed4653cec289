"""Create the normalized core schema.

Why: parkdb needs somewhere to keep articles, the entities and figures extracted
from them with their provenance, and the audit of load runs. Every constraint is
named (models.base.NAMING_CONVENTION) so later revisions can refer to it.

Revision ID: 0001
Revises: (none)
Created: 2026-11-22 01:52:41.416803
"""
from __future__ import annotations

from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('load_runs',
    sa.Column('id', sa.BigInteger(), sa.Identity(always=False), nullable=False, comment='Surrogate key of the load run.'),
    sa.Column('started_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False, comment='When the run began.'),
    sa.Column('finished_at', sa.DateTime(timezone=True), nullable=True, comment='When the run ended; NULL while running or if it crashed.'),
    sa.Column('status', sa.Text(), server_default='running', nullable=False, comment='running, succeeded (no file rejected), partial (some files rejected) or failed (the run itself failed).'),
    sa.Column('extractor_version', sa.Text(), nullable=False, comment='Version of the extractor (loaders.extract.EXTRACTOR_VERSION) used by the run.'),
    sa.Column('dictionary_hash', sa.Text(), nullable=False, comment='sha256 of the jieba domain dictionary the extractor loaded.'),
    sa.Column('paths', postgresql.ARRAY(sa.Text()), server_default='{}', nullable=False, comment='The paths given to `parkdb load`.'),
    sa.Column('files_seen', sa.Integer(), server_default='0', nullable=False, comment='Article files (.txt/.html/.htm) found.'),
    sa.Column('files_stored', sa.Integer(), server_default='0', nullable=False, comment='Files stored as new sources.'),
    sa.Column('files_unchanged', sa.Integer(), server_default='0', nullable=False, comment='Files skipped because path, sha256 and extractor version were already stored.'),
    sa.Column('files_replaced', sa.Integer(), server_default='0', nullable=False, comment='Files whose source was re-extracted (changed bytes or a new extractor version).'),
    sa.Column('files_rejected', sa.Integer(), server_default='0', nullable=False, comment='Files rejected; see rejected_files.'),
    sa.Column('files_skipped', sa.Integer(), server_default='0', nullable=False, comment='Other files in the folders (not .txt/.html/.htm).'),
    sa.Column('facts_written', sa.Integer(), server_default='0', nullable=False, comment='Fact rows inserted by the run.'),
    sa.Column('mentions_written', sa.Integer(), server_default='0', nullable=False, comment='Entity-mention rows inserted by the run.'),
    sa.CheckConstraint("status IN ('running', 'succeeded', 'partial', 'failed')", name=op.f('ck_load_runs_status')),
    sa.CheckConstraint('files_seen >= 0 AND files_stored >= 0 AND files_unchanged >= 0 AND files_replaced >= 0 AND files_rejected >= 0 AND files_skipped >= 0', name=op.f('ck_load_runs_counts_not_negative')),
    sa.CheckConstraint('finished_at IS NULL OR finished_at >= started_at', name=op.f('ck_load_runs_finished_after_start')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_load_runs')),
    comment='One row per `parkdb load` run: start, end, status and counts of files. A re-run over the same files shows only files_unchanged (the proof of idempotence).'
    )
    op.create_table('metrics',
    sa.Column('id', sa.BigInteger(), sa.Identity(always=False), nullable=False, comment='Surrogate key of the metric.'),
    sa.Column('name', sa.Text(), nullable=False, comment='Canonical metric name.'),
    sa.Column('unit_family', sa.Text(), nullable=True, comment='The base unit its values are normally in (yuan, percent, count, m2, mu, tce, ...).'),
    sa.Column('description', sa.Text(), nullable=True, comment='What the metric measures.'),
    sa.Column('is_catalogued', sa.Boolean(), server_default=sa.text('false'), nullable=False, comment='True for metrics from the shipped catalogue; false for phrases first seen in an article.'),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False, comment='When this row was first written.'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_metrics')),
    sa.UniqueConstraint('name', name=op.f('uq_metrics_name')),
    comment='The metric catalogue: one row per canonical metric (规上工业增加值, 固定资产投资, ...). Phrases outside the catalogue become metrics of their own with is_catalogued false.'
    )
    op.create_table('regions',
    sa.Column('id', sa.BigInteger(), sa.Identity(always=False), nullable=False, comment='Surrogate key of the region.'),
    sa.Column('name', sa.Text(), nullable=False, comment='Canonical name of the region: the fullest form the articles give.'),
    sa.Column('level', sa.Text(), nullable=True, comment='province, city, district, county or other.'),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False, comment='When this row was first written.'),
    sa.CheckConstraint("level IS NULL OR level IN ('province', 'city', 'district', 'county', 'other')", name=op.f('ck_regions_level')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_regions')),
    sa.UniqueConstraint('name', name=op.f('uq_regions_name')),
    comment='One row per administrative region that is the subject of a fact (浙江省, 杭州, 临安区).'
    )
    op.create_table('metric_aliases',
    sa.Column('id', sa.BigInteger(), sa.Identity(always=False), nullable=False, comment='Surrogate key of the metric alias.'),
    sa.Column('metric_id', sa.BigInteger(), nullable=False, comment='The metric.'),
    sa.Column('alias', sa.Text(), nullable=False, comment='A phrase naming the metric.'),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False, comment='When this row was first written.'),
    sa.ForeignKeyConstraint(['metric_id'], ['metrics.id'], name=op.f('fk_metric_aliases_metric_id_metrics'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_metric_aliases')),
    sa.UniqueConstraint('alias', name=op.f('uq_metric_aliases_alias')),
    comment='One row per synonym of a metric (规模以上工业增加值 -> 规上工业增加值).'
    )
    op.create_index(op.f('ix_metric_aliases_metric_id'), 'metric_aliases', ['metric_id'], unique=False)
    op.create_table('rejected_files',
    sa.Column('id', sa.BigInteger(), sa.Identity(always=False), nullable=False, comment='Surrogate key of the rejection.'),
    sa.Column('load_run_id', sa.BigInteger(), nullable=False, comment='The run that rejected the file.'),
    sa.Column('path', sa.Text(), nullable=False, comment='Absolute path of the rejected file.'),
    sa.Column('reason', sa.Text(), nullable=False, comment='Why it was rejected, in words.'),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False, comment='When this row was first written.'),
    sa.ForeignKeyConstraint(['load_run_id'], ['load_runs.id'], name=op.f('fk_rejected_files_load_run_id_load_runs'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_rejected_files')),
    comment='One row per file rejected by a load run (empty, binary, too large, undecodable, no Chinese text, extraction error), with the reason.'
    )
    op.create_index(op.f('ix_rejected_files_load_run_id'), 'rejected_files', ['load_run_id'], unique=False)
    op.create_table('sources',
    sa.Column('id', sa.BigInteger(), sa.Identity(always=False), nullable=False, comment='Surrogate key of the source.'),
    sa.Column('source_key', sa.Text(), nullable=False, comment="The file's path relative to the folder given to `parkdb load` (its bare name when it sat directly in that folder or was named directly). Unique; the analysts' handle on an article."),
    sa.Column('original_path', sa.Text(), nullable=False, comment='Absolute path the file was first read from.'),
    sa.Column('sha256', sa.Text(), nullable=False, comment='sha256 of the raw file bytes (lowercase hex).'),
    sa.Column('byte_size', sa.Integer(), nullable=False, comment='Size of the raw file in bytes.'),
    sa.Column('media_type', sa.Text(), nullable=False, comment='text/plain or text/html, as detected from the content.'),
    sa.Column('encoding', sa.Text(), nullable=False, comment='Character encoding the bytes were decoded with (utf-8, gb18030, big5, ...).'),
    sa.Column('raw_text', sa.Text(), nullable=False, comment='The decoded file, untouched (HTML markup included).'),
    sa.Column('text', sa.Text(), nullable=False, comment='The cleaned article text (boilerplate removed, whitespace normalised); all spans point into it.'),
    sa.Column('title', sa.Text(), nullable=True, comment='Headline.'),
    sa.Column('subtitle', sa.Text(), nullable=True, comment='Kicker or sub-headline, when the article has one.'),
    sa.Column('authors', postgresql.ARRAY(sa.Text()), server_default='{}', nullable=False, comment='Byline names, in order.'),
    sa.Column('publisher', sa.Text(), nullable=True, comment='Publishing outlet, when known.'),
    sa.Column('url', sa.Text(), nullable=True, comment='URL of the article, when the file or manifest gives one.'),
    sa.Column('published_on', sa.Date(), nullable=True, comment='Publication date; the first day of the month/year when only those are known (see published_precision).'),
    sa.Column('published_precision', sa.Text(), nullable=True, comment='How precise published_on is: day, month or year.'),
    sa.Column('published_basis', sa.Text(), nullable=True, comment='Where published_on comes from: manifest (manifest.csv), explicit (printed in the article or page) or inferred (from the content, e.g. the latest reported period).'),
    sa.Column('published_note', sa.Text(), nullable=True, comment='How the publication date was determined, in words.'),
    sa.Column('extractor_version', sa.Text(), nullable=False, comment="Extractor version that produced this source's facts and mentions."),
    sa.Column('dictionary_hash', sa.Text(), nullable=False, comment='sha256 of the jieba domain dictionary used for this source.'),
    sa.Column('first_loaded_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False, comment='When the article was first stored.'),
    sa.Column('last_loaded_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False, comment="When the article's extraction was last (re)written."),
    sa.Column('load_run_id', sa.BigInteger(), nullable=True, comment='The load run that last wrote this source.'),
    sa.CheckConstraint("published_basis IS NULL OR published_basis IN ('explicit', 'manifest', 'inferred')", name=op.f('ck_sources_published_basis')),
    sa.CheckConstraint("published_precision IS NULL OR published_precision IN ('day', 'month', 'year')", name=op.f('ck_sources_published_precision')),
    sa.CheckConstraint("sha256 ~ '^[0-9a-f]{64}$'", name=op.f('ck_sources_sha256_hex')),
    sa.CheckConstraint('(published_on IS NULL) = (published_basis IS NULL)', name=op.f('ck_sources_basis_with_date')),
    sa.CheckConstraint('(published_on IS NULL) = (published_precision IS NULL)', name=op.f('ck_sources_precision_with_date')),
    sa.CheckConstraint('last_loaded_at >= first_loaded_at', name=op.f('ck_sources_loaded_order')),
    sa.ForeignKeyConstraint(['load_run_id'], ['load_runs.id'], name=op.f('fk_sources_load_run_id_load_runs'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sources')),
    sa.UniqueConstraint('sha256', name=op.f('uq_sources_sha256')),
    sa.UniqueConstraint('source_key', name=op.f('uq_sources_source_key')),
    comment="One row per article, in its current version: the decoded text, the cleaned text that every char_start/char_end points into, and its metadata. A changed file replaces its row's facts and mentions; the same bytes under another path stay one source (see source_paths)."
    )
    op.create_index(op.f('ix_sources_load_run_id'), 'sources', ['load_run_id'], unique=False)
    op.create_index(op.f('ix_sources_published_on'), 'sources', ['published_on'], unique=False)
    op.create_table('institutions',
    sa.Column('id', sa.BigInteger(), sa.Identity(always=False), nullable=False, comment='Surrogate key of the institution.'),
    sa.Column('name', sa.Text(), nullable=False, comment='Canonical name of the institution: the fullest form the articles give.'),
    sa.Column('first_source_id', sa.BigInteger(), nullable=True, comment='The article in which this institution was first seen (NULL once that article is gone).'),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False, comment='When this row was first written.'),
    sa.ForeignKeyConstraint(['first_source_id'], ['sources.id'], name=op.f('fk_institutions_first_source_id_sources'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_institutions')),
    sa.UniqueConstraint('name', name=op.f('uq_institutions_name')),
    comment='One row per institution: universities, research institutes, innovation centres, government bodies (管委会, 局).'
    )
    op.create_table('platforms',
    sa.Column('id', sa.BigInteger(), sa.Identity(always=False), nullable=False, comment='Surrogate key of the platform.'),
    sa.Column('name', sa.Text(), nullable=False, comment='Canonical name of the platform: the fullest form the articles give.'),
    sa.Column('kind', sa.Text(), nullable=False, comment='corridor, zone, park or incubator.'),
    sa.Column('parent_id', sa.BigInteger(), nullable=True, comment='The platform this one lies within or on (a park in a zone, a zone on a corridor).'),
    sa.Column('district', sa.Text(), nullable=True, comment='Administrative district or county (临安区, 滨江区).'),
    sa.Column('first_source_id', sa.BigInteger(), nullable=True, comment='The article in which this platform was first seen (NULL once that article is gone).'),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False, comment='When this row was first written.'),
    sa.CheckConstraint("kind IN ('corridor', 'zone', 'park', 'incubator')", name=op.f('ck_platforms_kind')),
    sa.CheckConstraint('parent_id IS NULL OR parent_id <> id', name=op.f('ck_platforms_not_own_parent')),
    sa.ForeignKeyConstraint(['first_source_id'], ['sources.id'], name=op.f('fk_platforms_first_source_id_sources'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['parent_id'], ['platforms.id'], name=op.f('fk_platforms_parent_id_platforms'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_platforms')),
    sa.UniqueConstraint('name', name=op.f('uq_platforms_name')),
    comment='One row per industrial platform (产业平台): corridors (走廊), zones (高新区, 经开区, 科技城), parks and communities inside them (产业园, 产业社区, 小镇), incubators and accelerators. parent_id builds the hierarchy (park -> zone -> corridor).'
    )
    op.create_index(op.f('ix_platforms_parent_id'), 'platforms', ['parent_id'], unique=False)
    op.create_table('source_paths',
    sa.Column('id', sa.BigInteger(), sa.Identity(always=False), nullable=False, comment='Surrogate key of the source path.'),
    sa.Column('source_id', sa.BigInteger(), nullable=False, comment='The source.'),
    sa.Column('path', sa.Text(), nullable=False, comment='Absolute path of the file.'),
    sa.Column('source_key', sa.Text(), nullable=False, comment='The path relative to the folder given to `parkdb load` for this file.'),
    sa.Column('first_seen_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False, comment='When this row was first written.'),
    sa.ForeignKeyConstraint(['source_id'], ['sources.id'], name=op.f('fk_source_paths_source_id_sources'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_source_paths')),
    sa.UniqueConstraint('path', name=op.f('uq_source_paths_path')),
    comment="One row per file path a source's bytes were found at. The same bytes under another path are one source; the extra paths are recorded here."
    )
    op.create_index(op.f('ix_source_paths_source_id'), 'source_paths', ['source_id'], unique=False)
    op.create_table('enterprises',
    sa.Column('id', sa.BigInteger(), sa.Identity(always=False), nullable=False, comment='Surrogate key of the enterprise.'),
    sa.Column('name', sa.Text(), nullable=False, comment='Canonical name of the enterprise: the fullest form the articles give.'),
    sa.Column('platform_id', sa.BigInteger(), nullable=True, comment='The platform the enterprise is located on, when an article says so.'),
    sa.Column('first_source_id', sa.BigInteger(), nullable=True, comment='The article in which this enterprise was first seen (NULL once that article is gone).'),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False, comment='When this row was first written.'),
    sa.ForeignKeyConstraint(['first_source_id'], ['sources.id'], name=op.f('fk_enterprises_first_source_id_sources'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['platform_id'], ['platforms.id'], name=op.f('fk_enterprises_platform_id_platforms'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_enterprises')),
    sa.UniqueConstraint('name', name=op.f('uq_enterprises_name')),
    comment='One row per enterprise: companies, company groups and investment funds. name is the full registered name where an article gives one.'
    )
    op.create_index(op.f('ix_enterprises_platform_id'), 'enterprises', ['platform_id'], unique=False)
    op.create_table('institution_aliases',
    sa.Column('id', sa.BigInteger(), sa.Identity(always=False), nullable=False, comment='Surrogate key of the institution alias.'),
    sa.Column('institution_id', sa.BigInteger(), nullable=False, comment='The institution this alias names.'),
    sa.Column('alias', sa.Text(), nullable=False, comment="Another form of the institution's name as written in an article."),
    sa.Column('first_source_id', sa.BigInteger(), nullable=True, comment='The article in which this institution alias was first seen (NULL once that article is gone).'),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False, comment='When this row was first written.'),
    sa.ForeignKeyConstraint(['first_source_id'], ['sources.id'], name=op.f('fk_institution_aliases_first_source_id_sources'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['institution_id'], ['institutions.id'], name=op.f('fk_institution_aliases_institution_id_institutions'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_institution_aliases')),
    sa.UniqueConstraint('alias', name=op.f('uq_institution_aliases_alias')),
    comment='One row per alternative name of a institution; an alias names one institution only.'
    )
    op.create_index(op.f('ix_institution_aliases_institution_id'), 'institution_aliases', ['institution_id'], unique=False)
    op.create_table('platform_aliases',
    sa.Column('id', sa.BigInteger(), sa.Identity(always=False), nullable=False, comment='Surrogate key of the platform alias.'),
    sa.Column('platform_id', sa.BigInteger(), nullable=False, comment='The platform this alias names.'),
    sa.Column('alias', sa.Text(), nullable=False, comment="Another form of the platform's name as written in an article."),
    sa.Column('first_source_id', sa.BigInteger(), nullable=True, comment='The article in which this platform alias was first seen (NULL once that article is gone).'),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False, comment='When this row was first written.'),
    sa.ForeignKeyConstraint(['first_source_id'], ['sources.id'], name=op.f('fk_platform_aliases_first_source_id_sources'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['platform_id'], ['platforms.id'], name=op.f('fk_platform_aliases_platform_id_platforms'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_platform_aliases')),
    sa.UniqueConstraint('alias', name=op.f('uq_platform_aliases_alias')),
    comment='One row per alternative name of a platform; an alias names one platform only.'
    )
    op.create_index(op.f('ix_platform_aliases_platform_id'), 'platform_aliases', ['platform_id'], unique=False)
    op.create_table('enterprise_aliases',
    sa.Column('id', sa.BigInteger(), sa.Identity(always=False), nullable=False, comment='Surrogate key of the enterprise alias.'),
    sa.Column('enterprise_id', sa.BigInteger(), nullable=False, comment='The enterprise this alias names.'),
    sa.Column('alias', sa.Text(), nullable=False, comment="Another form of the enterprise's name as written in an article."),
    sa.Column('first_source_id', sa.BigInteger(), nullable=True, comment='The article in which this enterprise alias was first seen (NULL once that article is gone).'),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False, comment='When this row was first written.'),
    sa.ForeignKeyConstraint(['enterprise_id'], ['enterprises.id'], name=op.f('fk_enterprise_aliases_enterprise_id_enterprises'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['first_source_id'], ['sources.id'], name=op.f('fk_enterprise_aliases_first_source_id_sources'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_enterprise_aliases')),
    sa.UniqueConstraint('alias', name=op.f('uq_enterprise_aliases_alias')),
    comment='One row per alternative name of a enterprise; an alias names one enterprise only.'
    )
    op.create_index(op.f('ix_enterprise_aliases_enterprise_id'), 'enterprise_aliases', ['enterprise_id'], unique=False)
    op.create_table('projects',
    sa.Column('id', sa.BigInteger(), sa.Identity(always=False), nullable=False, comment='Surrogate key of the project.'),
    sa.Column('name', sa.Text(), nullable=False, comment='Canonical name of the project: the fullest form the articles give.'),
    sa.Column('platform_id', sa.BigInteger(), nullable=True, comment='The platform the project is on.'),
    sa.Column('enterprise_id', sa.BigInteger(), nullable=True, comment='The enterprise behind the project.'),
    sa.Column('investment_yuan', sa.Numeric(), nullable=True, comment='Planned total investment in yuan, as last reported.'),
    sa.Column('status', sa.Text(), nullable=True, comment='planned, signed, under_construction, completed or operating, as last reported.'),
    sa.Column('first_source_id', sa.BigInteger(), nullable=True, comment='The article in which this project was first seen (NULL once that article is gone).'),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False, comment='When this row was first written.'),
    sa.CheckConstraint("status IS NULL OR status IN ('planned', 'signed', 'under_construction', 'completed', 'operating')", name=op.f('ck_projects_status')),
    sa.CheckConstraint('investment_yuan IS NULL OR investment_yuan >= 0', name=op.f('ck_projects_investment_not_negative')),
    sa.ForeignKeyConstraint(['enterprise_id'], ['enterprises.id'], name=op.f('fk_projects_enterprise_id_enterprises'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['first_source_id'], ['sources.id'], name=op.f('fk_projects_first_source_id_sources'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['platform_id'], ['platforms.id'], name=op.f('fk_projects_platform_id_platforms'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_projects')),
    sa.UniqueConstraint('name', name=op.f('uq_projects_name')),
    comment='One row per named investment or construction project, with its platform, enterprise, planned total investment and latest reported status.'
    )
    op.create_index(op.f('ix_projects_enterprise_id'), 'projects', ['enterprise_id'], unique=False)
    op.create_index(op.f('ix_projects_platform_id'), 'projects', ['platform_id'], unique=False)
    op.create_table('designations',
    sa.Column('id', sa.BigInteger(), sa.Identity(always=False), nullable=False, comment='Surrogate key of the designation.'),
    sa.Column('source_id', sa.BigInteger(), nullable=False, comment='The article this designation was extracted from.'),
    sa.Column('designation_key', sa.Text(), nullable=False, comment='Deterministic hash of subject, designation and year within the source.'),
    sa.Column('subject_kind', sa.Text(), nullable=False, comment='platform, enterprise, project, region or institution.'),
    sa.Column('platform_id', sa.BigInteger(), nullable=True, comment='The platform, when the platform is the one meant (see the kind column).'),
    sa.Column('enterprise_id', sa.BigInteger(), nullable=True, comment='The enterprise, when the enterprise is the one meant (see the kind column).'),
    sa.Column('project_id', sa.BigInteger(), nullable=True, comment='The project, when the project is the one meant (see the kind column).'),
    sa.Column('region_id', sa.BigInteger(), nullable=True, comment='The region, when the region is the one meant (see the kind column).'),
    sa.Column('institution_id', sa.BigInteger(), nullable=True, comment='The institution, when the institution is the one meant (see the kind column).'),
    sa.Column('designation', sa.Text(), nullable=False, comment='The honour or list as written (国家级绿色工厂).'),
    sa.Column('year', sa.Integer(), nullable=True, comment='The year of the honour, when the article gives it.'),
    sa.Column('quote', sa.Text(), nullable=False, comment='The clause that states it.'),
    sa.Column('char_start', sa.Integer(), nullable=False, comment='Offset of the first character of the quote in sources.text (0-based, Python str index).'),
    sa.Column('char_end', sa.Integer(), nullable=False, comment='Offset just past the last character of the quote in sources.text.'),
    sa.Column('extractor_version', sa.Text(), nullable=False, comment='Extractor version that wrote this row.'),
    sa.CheckConstraint("num_nonnulls(platform_id, enterprise_id, project_id, region_id, institution_id) = 1 AND CASE subject_kind WHEN 'platform' THEN platform_id IS NOT NULL WHEN 'enterprise' THEN enterprise_id IS NOT NULL WHEN 'project' THEN project_id IS NOT NULL WHEN 'region' THEN region_id IS NOT NULL WHEN 'institution' THEN institution_id IS NOT NULL ELSE false END", name=op.f('ck_designations_one_subject')),
    sa.CheckConstraint("subject_kind IN ('platform', 'enterprise', 'project', 'region', 'institution')", name=op.f('ck_designations_subject_kind')),
    sa.CheckConstraint('char_length(quote) = char_end - char_start', name=op.f('ck_designations_quote_fits_span')),
    sa.CheckConstraint('char_start >= 0 AND char_end > char_start', name=op.f('ck_designations_valid_span')),
    sa.CheckConstraint('year IS NULL OR year BETWEEN 1949 AND 2100', name=op.f('ck_designations_year_range')),
    sa.ForeignKeyConstraint(['enterprise_id'], ['enterprises.id'], name=op.f('fk_designations_enterprise_id_enterprises'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['institution_id'], ['institutions.id'], name=op.f('fk_designations_institution_id_institutions'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['platform_id'], ['platforms.id'], name=op.f('fk_designations_platform_id_platforms'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['project_id'], ['projects.id'], name=op.f('fk_designations_project_id_projects'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['region_id'], ['regions.id'], name=op.f('fk_designations_region_id_regions'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['source_id'], ['sources.id'], name=op.f('fk_designations_source_id_sources'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_designations')),
    sa.UniqueConstraint('source_id', 'designation_key', name=op.f('uq_designations_source_id_designation_key')),
    comment='One row per honour or list a subject was named to (国家级绿色工厂, 专精特新) as an article reports it, with the year when given.'
    )
    op.create_index(op.f('ix_designations_enterprise_id'), 'designations', ['enterprise_id'], unique=False)
    op.create_index(op.f('ix_designations_institution_id'), 'designations', ['institution_id'], unique=False)
    op.create_index(op.f('ix_designations_platform_id'), 'designations', ['platform_id'], unique=False)
    op.create_index(op.f('ix_designations_project_id'), 'designations', ['project_id'], unique=False)
    op.create_index(op.f('ix_designations_region_id'), 'designations', ['region_id'], unique=False)
    op.create_index(op.f('ix_designations_source_id'), 'designations', ['source_id'], unique=False)
    op.create_table('entity_mentions',
    sa.Column('id', sa.BigInteger(), sa.Identity(always=False), nullable=False, comment='Surrogate key of the mention.'),
    sa.Column('source_id', sa.BigInteger(), nullable=False, comment='The article this mention was extracted from.'),
    sa.Column('entity_kind', sa.Text(), nullable=False, comment='platform, enterprise, project or institution: which *_id is set.'),
    sa.Column('platform_id', sa.BigInteger(), nullable=True, comment='The platform, when the platform is the one meant (see the kind column).'),
    sa.Column('enterprise_id', sa.BigInteger(), nullable=True, comment='The enterprise, when the enterprise is the one meant (see the kind column).'),
    sa.Column('project_id', sa.BigInteger(), nullable=True, comment='The project, when the project is the one meant (see the kind column).'),
    sa.Column('institution_id', sa.BigInteger(), nullable=True, comment='The institution, when the institution is the one meant (see the kind column).'),
    sa.Column('surface', sa.Text(), nullable=False, comment='The form written in the article (exactly sources.text[char_start:char_end]).'),
    sa.Column('char_start', sa.Integer(), nullable=False, comment='Offset of the first character of the surface in sources.text (0-based, Python str index).'),
    sa.Column('char_end', sa.Integer(), nullable=False, comment='Offset just past the last character of the surface in sources.text.'),
    sa.Column('extractor_version', sa.Text(), nullable=False, comment='Extractor version that wrote this row.'),
    sa.CheckConstraint("entity_kind IN ('platform', 'enterprise', 'project', 'institution')", name=op.f('ck_entity_mentions_entity_kind')),
    sa.CheckConstraint("num_nonnulls(platform_id, enterprise_id, project_id, institution_id) = 1 AND CASE entity_kind WHEN 'platform' THEN platform_id IS NOT NULL WHEN 'enterprise' THEN enterprise_id IS NOT NULL WHEN 'project' THEN project_id IS NOT NULL WHEN 'institution' THEN institution_id IS NOT NULL ELSE false END", name=op.f('ck_entity_mentions_one_subject')),
    sa.CheckConstraint('char_length(surface) = char_end - char_start', name=op.f('ck_entity_mentions_surface_fits_span')),
    sa.CheckConstraint('char_start >= 0 AND char_end > char_start', name=op.f('ck_entity_mentions_valid_span')),
    sa.ForeignKeyConstraint(['enterprise_id'], ['enterprises.id'], name=op.f('fk_entity_mentions_enterprise_id_enterprises'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['institution_id'], ['institutions.id'], name=op.f('fk_entity_mentions_institution_id_institutions'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['platform_id'], ['platforms.id'], name=op.f('fk_entity_mentions_platform_id_platforms'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['project_id'], ['projects.id'], name=op.f('fk_entity_mentions_project_id_projects'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['source_id'], ['sources.id'], name=op.f('fk_entity_mentions_source_id_sources'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_entity_mentions')),
    sa.UniqueConstraint('source_id', 'entity_kind', 'char_start', 'char_end', name=op.f('uq_entity_mentions_source_id_entity_kind_char_start_char_end')),
    comment='One row per mention of a platform, enterprise, project or institution in an article, with the form written and its span.'
    )
    op.create_index(op.f('ix_entity_mentions_enterprise_id'), 'entity_mentions', ['enterprise_id'], unique=False)
    op.create_index(op.f('ix_entity_mentions_institution_id'), 'entity_mentions', ['institution_id'], unique=False)
    op.create_index(op.f('ix_entity_mentions_platform_id'), 'entity_mentions', ['platform_id'], unique=False)
    op.create_index(op.f('ix_entity_mentions_project_id'), 'entity_mentions', ['project_id'], unique=False)
    op.create_index(op.f('ix_entity_mentions_source_id'), 'entity_mentions', ['source_id'], unique=False)
    op.create_table('facts',
    sa.Column('id', sa.BigInteger(), sa.Identity(always=False), nullable=False, comment='Surrogate key of the fact.'),
    sa.Column('source_id', sa.BigInteger(), nullable=False, comment='The article this fact was extracted from.'),
    sa.Column('fact_key', sa.Text(), nullable=False, comment='Deterministic hash of the fields that identify the statement, so a re-load writes the same rows.'),
    sa.Column('subject_kind', sa.Text(), nullable=False, comment='platform, enterprise, project or region: which subject_*_id is set.'),
    sa.Column('subject_platform_id', sa.BigInteger(), nullable=True, comment='The platform, when the platform is the one meant (see the kind column).'),
    sa.Column('subject_enterprise_id', sa.BigInteger(), nullable=True, comment='The enterprise, when the enterprise is the one meant (see the kind column).'),
    sa.Column('subject_project_id', sa.BigInteger(), nullable=True, comment='The project, when the project is the one meant (see the kind column).'),
    sa.Column('subject_region_id', sa.BigInteger(), nullable=True, comment='The region, when the region is the one meant (see the kind column).'),
    sa.Column('metric_id', sa.BigInteger(), nullable=False, comment='The canonical metric.'),
    sa.Column('metric_text', sa.Text(), nullable=False, comment='The metric phrase as written in the article.'),
    sa.Column('value', sa.Numeric(), nullable=False, comment='The number as written (113.8 for 113.8亿元); negative for a fall.'),
    sa.Column('unit', sa.Text(), nullable=False, comment='The unit as written (亿元, %, 万元/亩).'),
    sa.Column('value_base', sa.Numeric(), nullable=True, comment='The value in base_unit (11380000000 for 113.8亿元); NULL for units without a base.'),
    sa.Column('base_unit', sa.Text(), nullable=True, comment='Base unit of value_base: yuan, percent, pp, count, m2, mu, tce, ...'),
    sa.Column('qualifier', sa.Text(), nullable=True, comment='more_than (余, 超过, 以上), about (约, 近, 左右), less_than (不足, 以下), or NULL.'),
    sa.Column('period_kind', sa.Text(), nullable=False, comment='actual (a flow over period_start..period_end), asof (a stock at period_end), target (a goal or forecast), unknown (no time given).'),
    sa.Column('period_start', sa.Date(), nullable=True, comment='First day the figure covers; NULL for asof and unknown.'),
    sa.Column('period_end', sa.Date(), nullable=True, comment='Last day the figure covers, or the as-of date.'),
    sa.Column('quote', sa.Text(), nullable=False, comment='The clause of the article that states the fact, exactly as stored in sources.text.'),
    sa.Column('char_start', sa.Integer(), nullable=False, comment='Offset of the first character of the quote in sources.text (0-based, Python str index).'),
    sa.Column('char_end', sa.Integer(), nullable=False, comment='Offset just past the last character of the quote in sources.text.'),
    sa.Column('extractor_version', sa.Text(), nullable=False, comment='Extractor version that wrote this row.'),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False, comment='When this row was first written.'),
    sa.CheckConstraint("CASE period_kind WHEN 'actual' THEN period_start IS NOT NULL AND period_end IS NOT NULL WHEN 'asof' THEN period_start IS NULL AND period_end IS NOT NULL WHEN 'unknown' THEN period_start IS NULL AND period_end IS NULL ELSE (period_start IS NULL) = (period_end IS NULL) END", name=op.f('ck_facts_period_shape')),
    sa.CheckConstraint("num_nonnulls(subject_platform_id, subject_enterprise_id, subject_project_id, subject_region_id) = 1 AND CASE subject_kind WHEN 'platform' THEN subject_platform_id IS NOT NULL WHEN 'enterprise' THEN subject_enterprise_id IS NOT NULL WHEN 'project' THEN subject_project_id IS NOT NULL WHEN 'region' THEN subject_region_id IS NOT NULL ELSE false END", name=op.f('ck_facts_one_subject')),
    sa.CheckConstraint("period_kind IN ('actual', 'asof', 'target', 'unknown')", name=op.f('ck_facts_period_kind')),
    sa.CheckConstraint("qualifier IS NULL OR qualifier IN ('more_than', 'about', 'less_than')", name=op.f('ck_facts_qualifier')),
    sa.CheckConstraint("subject_kind IN ('platform', 'enterprise', 'project', 'region')", name=op.f('ck_facts_subject_kind')),
    sa.CheckConstraint('(value_base IS NULL) = (base_unit IS NULL)', name=op.f('ck_facts_base_unit_with_value')),
    sa.CheckConstraint('char_length(quote) = char_end - char_start', name=op.f('ck_facts_quote_fits_span')),
    sa.CheckConstraint('char_start >= 0 AND char_end > char_start', name=op.f('ck_facts_valid_span')),
    sa.CheckConstraint('period_start <= period_end', name=op.f('ck_facts_period_order')),
    sa.ForeignKeyConstraint(['metric_id'], ['metrics.id'], name=op.f('fk_facts_metric_id_metrics')),
    sa.ForeignKeyConstraint(['source_id'], ['sources.id'], name=op.f('fk_facts_source_id_sources'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['subject_enterprise_id'], ['enterprises.id'], name=op.f('fk_facts_subject_enterprise_id_enterprises'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['subject_platform_id'], ['platforms.id'], name=op.f('fk_facts_subject_platform_id_platforms'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['subject_project_id'], ['projects.id'], name=op.f('fk_facts_subject_project_id_projects'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['subject_region_id'], ['regions.id'], name=op.f('fk_facts_subject_region_id_regions'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_facts')),
    sa.UniqueConstraint('source_id', 'fact_key', name=op.f('uq_facts_source_id_fact_key')),
    comment='One row per quantitative fact stated in an article: subject, metric, the number and unit as written, the value in the base unit, qualifier, period, and the quote with its span.'
    )
    op.create_index(op.f('ix_facts_metric_id'), 'facts', ['metric_id'], unique=False)
    op.create_index(op.f('ix_facts_source_id'), 'facts', ['source_id'], unique=False)
    op.create_index(op.f('ix_facts_subject_enterprise_id'), 'facts', ['subject_enterprise_id'], unique=False)
    op.create_index(op.f('ix_facts_subject_platform_id'), 'facts', ['subject_platform_id'], unique=False)
    op.create_index(op.f('ix_facts_subject_project_id'), 'facts', ['subject_project_id'], unique=False)
    op.create_index(op.f('ix_facts_subject_region_id'), 'facts', ['subject_region_id'], unique=False)
    op.create_table('project_aliases',
    sa.Column('id', sa.BigInteger(), sa.Identity(always=False), nullable=False, comment='Surrogate key of the project alias.'),
    sa.Column('project_id', sa.BigInteger(), nullable=False, comment='The project this alias names.'),
    sa.Column('alias', sa.Text(), nullable=False, comment="Another form of the project's name as written in an article."),
    sa.Column('first_source_id', sa.BigInteger(), nullable=True, comment='The article in which this project alias was first seen (NULL once that article is gone).'),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False, comment='When this row was first written.'),
    sa.ForeignKeyConstraint(['first_source_id'], ['sources.id'], name=op.f('fk_project_aliases_first_source_id_sources'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['project_id'], ['projects.id'], name=op.f('fk_project_aliases_project_id_projects'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_project_aliases')),
    sa.UniqueConstraint('alias', name=op.f('uq_project_aliases_alias')),
    comment='One row per alternative name of a project; an alias names one project only.'
    )
    op.create_index(op.f('ix_project_aliases_project_id'), 'project_aliases', ['project_id'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_project_aliases_project_id'), table_name='project_aliases')
    op.drop_table('project_aliases')
    op.drop_index(op.f('ix_facts_subject_region_id'), table_name='facts')
    op.drop_index(op.f('ix_facts_subject_project_id'), table_name='facts')
    op.drop_index(op.f('ix_facts_subject_platform_id'), table_name='facts')
    op.drop_index(op.f('ix_facts_subject_enterprise_id'), table_name='facts')
    op.drop_index(op.f('ix_facts_source_id'), table_name='facts')
    op.drop_index(op.f('ix_facts_metric_id'), table_name='facts')
    op.drop_table('facts')
    op.drop_index(op.f('ix_entity_mentions_source_id'), table_name='entity_mentions')
    op.drop_index(op.f('ix_entity_mentions_project_id'), table_name='entity_mentions')
    op.drop_index(op.f('ix_entity_mentions_platform_id'), table_name='entity_mentions')
    op.drop_index(op.f('ix_entity_mentions_institution_id'), table_name='entity_mentions')
    op.drop_index(op.f('ix_entity_mentions_enterprise_id'), table_name='entity_mentions')
    op.drop_table('entity_mentions')
    op.drop_index(op.f('ix_designations_source_id'), table_name='designations')
    op.drop_index(op.f('ix_designations_region_id'), table_name='designations')
    op.drop_index(op.f('ix_designations_project_id'), table_name='designations')
    op.drop_index(op.f('ix_designations_platform_id'), table_name='designations')
    op.drop_index(op.f('ix_designations_institution_id'), table_name='designations')
    op.drop_index(op.f('ix_designations_enterprise_id'), table_name='designations')
    op.drop_table('designations')
    op.drop_index(op.f('ix_projects_platform_id'), table_name='projects')
    op.drop_index(op.f('ix_projects_enterprise_id'), table_name='projects')
    op.drop_table('projects')
    op.drop_index(op.f('ix_enterprise_aliases_enterprise_id'), table_name='enterprise_aliases')
    op.drop_table('enterprise_aliases')
    op.drop_index(op.f('ix_platform_aliases_platform_id'), table_name='platform_aliases')
    op.drop_table('platform_aliases')
    op.drop_index(op.f('ix_institution_aliases_institution_id'), table_name='institution_aliases')
    op.drop_table('institution_aliases')
    op.drop_index(op.f('ix_enterprises_platform_id'), table_name='enterprises')
    op.drop_table('enterprises')
    op.drop_index(op.f('ix_source_paths_source_id'), table_name='source_paths')
    op.drop_table('source_paths')
    op.drop_index(op.f('ix_platforms_parent_id'), table_name='platforms')
    op.drop_table('platforms')
    op.drop_table('institutions')
    op.drop_index(op.f('ix_sources_published_on'), table_name='sources')
    op.drop_index(op.f('ix_sources_load_run_id'), table_name='sources')
    op.drop_table('sources')
    op.drop_index(op.f('ix_rejected_files_load_run_id'), table_name='rejected_files')
    op.drop_table('rejected_files')
    op.drop_index(op.f('ix_metric_aliases_metric_id'), table_name='metric_aliases')
    op.drop_table('metric_aliases')
    op.drop_table('regions')
    op.drop_table('metrics')
    op.drop_table('load_runs')
