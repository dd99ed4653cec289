"""Entities and mentions: names, kinds, aliases, parents and spans, on short invented sentences."""
from __future__ import annotations

from datetime import date

import pytest

from loaders.extract import extract

PUBLISHED = date(2023, 6, 15)

# (text, [(kind, name, aliases, platform_kind, parent, district)], [(kind, name, surface, start, end)])
CASES = [
    ('杭州未来科技城今年新增企业120家。',
     [('platform', '杭州未来科技城', (), 'zone', '城西科创大走廊', '余杭区')],
     [('platform', '杭州未来科技城', '杭州未来科技城', 0, 7)]),
    ('萧山经开区与杭州云帆智能科技股份有限公司正式签约。',
     [('platform', '萧山经开区', (), 'zone', '城东智造大走廊', '萧山区'), ('enterprise', '杭州云帆智能科技股份有限公司', (), None, None, None)],
     [('platform', '萧山经开区', '萧山经开区', 0, 5), ('enterprise', '杭州云帆智能科技股份有限公司', '杭州云帆智能科技股份有限公司', 6, 20)]),
    ('杭州云帆智能科技股份有限公司落户临平。云帆智能今年产值达5亿元。',
     [('enterprise', '杭州云帆智能科技股份有限公司', ('云帆智能',), None, None, None)],
     [('enterprise', '杭州云帆智能科技股份有限公司', '杭州云帆智能科技股份有限公司', 0, 14), ('enterprise', '杭州云帆智能科技股份有限公司', '云帆智能', 19, 23)]),
    ('以星河微电子、蓝湾生物、启明光电等为代表的企业集聚于此。',
     [('enterprise', '星河微电子', (), None, None, None), ('enterprise', '蓝湾生物', (), None, None, None), ('enterprise', '启明光电', (), None, None, None)],
     [('enterprise', '星河微电子', '星河微电子', 1, 6), ('enterprise', '蓝湾生物', '蓝湾生物', 7, 11), ('enterprise', '启明光电', '启明光电', 12, 16)]),
    ('“双碳”产业园加快建设,双碳产业园将于年底开园。',
     [('platform', '双碳产业园', ('“双碳”产业园',), 'park', None, None)],
     [('platform', '双碳产业园', '“双碳”产业园', 0, 7), ('platform', '双碳产业园', '双碳产业园', 12, 17)]),
    ('位于临安经济开发区内的青峰产业园已入驻企业36家。',
     [('platform', '临安经济开发区', (), 'zone', None, '临安区'), ('platform', '青峰产业园', (), 'park', '临安经济开发区', '临安区')],
     [('platform', '临安经济开发区', '临安经济开发区', 2, 9), ('platform', '青峰产业园', '青峰产业园', 11, 16)]),
    ('杭州经济技术开发区生物医药产业园加快建设。',
     [('platform', '杭州经济技术开发区生物医药产业园', (), 'park', '杭州经济技术开发区', None)],
     [('platform', '杭州经济技术开发区生物医药产业园', '杭州经济技术开发区生物医药产业园', 0, 16)]),
    ('城东智造大走廊串联起多个产业平台。',
     [('platform', '城东智造大走廊', (), 'corridor', None, None)],
     [('platform', '城东智造大走廊', '城东智造大走廊', 0, 7)]),
    ('总投资约20亿元的云帆智能终端生产基地项目已正式投产。',
     [('project', '云帆智能终端生产基地项目', (), None, None, None), ('enterprise', '云帆智能', (), None, None, None)],
     [('project', '云帆智能终端生产基地项目', '云帆智能终端生产基地项目', 9, 21), ('enterprise', '云帆智能', '云帆智能', 9, 13)]),
    ('星河半导体二期项目正式签约落户萧山经开区。',
     [('project', '星河半导体二期项目', (), None, None, None), ('enterprise', '星河半导体', (), None, None, None), ('platform', '萧山经开区', (), 'zone', '城东智造大走廊', '萧山区')],
     [('project', '星河半导体二期项目', '星河半导体二期项目', 0, 9), ('enterprise', '星河半导体', '星河半导体', 0, 5), ('platform', '萧山经开区', '萧山经开区', 15, 20)]),
    ('萧山经开区管委会负责人介绍了浙江大学的合作情况。',
     [('institution', '萧山经开区管委会', (), None, None, None), ('platform', '萧山经开区', (), 'zone', '城东智造大走廊', '萧山区')],
     [('institution', '萧山经开区管委会', '萧山经开区管委会', 0, 8), ('platform', '萧山经开区', '萧山经开区', 0, 5)]),
    ('杭州湖畔经济开发区近年来发展迅速,湖开区今年新签约项目18个。',
     [('platform', '杭州湖畔经济开发区', ('湖开区',), 'zone', None, None)],
     [('platform', '杭州湖畔经济开发区', '杭州湖畔经济开发区', 0, 9), ('platform', '杭州湖畔经济开发区', '湖开区', 17, 20)]),
    ('临安区今年工业投资增长10%。',
     [],
     []),
    ('青山湖科技城位于临安,杭州青山湖科技城管委会负责人说。',
     [('platform', '杭州青山湖科技城', ('青山湖科技城',), 'zone', '城西科创大走廊', '临安区'), ('institution', '杭州青山湖科技城管委会', (), None, None, None)],
     [('platform', '杭州青山湖科技城', '青山湖科技城', 0, 6), ('institution', '杭州青山湖科技城管委会', '杭州青山湖科技城管委会', 11, 22), ('platform', '杭州青山湖科技城', '杭州青山湖科技城', 11, 19)]),
    ('杭州高新区(滨江)是数字经济强区,高新区(滨江)工业增速领先,滨江正加快发展。',
     [('platform', '杭州高新区(滨江)', ('滨江', '高新区(滨江)'), 'zone', '城东智造大走廊', '滨江区')],
     [('platform', '杭州高新区(滨江)', '杭州高新区(滨江)', 0, 9), ('platform', '杭州高新区(滨江)', '高新区(滨江)', 17, 24), ('platform', '杭州高新区(滨江)', '滨江', 31, 33)]),
    ('在上海设立的长三角产业加速器已入驻企业20家。',
     [('platform', '长三角产业加速器', (), 'incubator', None, None)],
     [('platform', '长三角产业加速器', '长三角产业加速器', 6, 14)]),
    ('滨江将打造“中国芯谷”。',
     [('platform', '中国芯谷', (), 'park', None, None)],
     [('platform', '中国芯谷', '中国芯谷', 6, 10)]),
    ('推动园区企业数字化改造,建设三大产业园。',
     [],
     []),
    ('截至目前,滨萧特别合作园已签约星河、光启等7个产业项目,总投资86亿元。',
     [('platform', '滨萧特别合作园', (), 'park', None, None), ('enterprise', '星河', (), None, None, None), ('enterprise', '光启', (), None, None, None)],
     [('platform', '滨萧特别合作园', '滨萧特别合作园', 5, 12), ('enterprise', '星河', '星河', 15, 17), ('enterprise', '光启', '光启', 18, 20)]),
    ('聚焦人工智能、集成电路、生物医药等产业。',
     [],
     []),
    ('拓维动力正在筹备上市。这家公司成立于2015年。',
     [('enterprise', '拓维动力', (), None, None, None)],
     [('enterprise', '拓维动力', '拓维动力', 0, 4)]),
    ('杭州未來科技城新增企業120家。',
     [('platform', '杭州未来科技城', ('杭州未來科技城',), 'zone', '城西科创大走廊', '余杭区')],
     [('platform', '杭州未来科技城', '杭州未來科技城', 0, 7)]),
    ('杭州高新区（滨江）规上工业增加值达１２０亿元。',
     [('platform', '杭州高新区(滨江)', ('杭州高新区（滨江）',), 'zone', '杭州高新区(滨江)', '滨江区')],
     [('platform', '杭州高新区(滨江)', '杭州高新区（滨江）', 0, 9)]),
    ('作为城西科创大走廊重要一极的紫金港科技城,正加快发展。',
     [('platform', '城西科创大走廊', (), 'corridor', None, None), ('platform', '紫金港科技城', (), 'zone', '城西科创大走廊', '西湖区')],
     [('platform', '城西科创大走廊', '城西科创大走廊', 2, 9), ('platform', '紫金港科技城', '紫金港科技城', 14, 20)]),
    ('杭州临江经济开发区(以下简称“临开区”)成立于2010年。临开区今年新引进企业42家。',
     [('platform', '杭州临江经济开发区', ('临开区',), 'zone', None, None)],
     [('platform', '杭州临江经济开发区', '杭州临江经济开发区', 0, 9), ('platform', '杭州临江经济开发区', '临开区', 29, 32)]),
    ('余杭经开区(余杭经济技术开发区)加快建设。',
     [('platform', '余杭经开区', ('余杭经济技术开发区',), 'zone', '城东智造大走廊', '临平区')],
     [('platform', '余杭经开区', '余杭经开区', 0, 5), ('platform', '余杭经开区', '余杭经济技术开发区', 6, 15)]),
    ('本次开工项目包含产业类、民生保障类等共18个项目。',
     [],
     []),
    ('在钱塘新区,宏远科技项目位于智造小镇内,用地面积约20亩。',
     [('platform', '钱塘新区', (), 'zone', '城东智造大走廊', '钱塘区'), ('project', '宏远科技项目', (), None, None, None), ('enterprise', '宏远科技', (), None, None, None), ('platform', '智造小镇', (), 'park', '钱塘新区', '钱塘区')],
     [('platform', '钱塘新区', '钱塘新区', 1, 5), ('project', '宏远科技项目', '宏远科技项目', 6, 12), ('enterprise', '宏远科技', '宏远科技', 6, 10), ('platform', '智造小镇', '智造小镇', 14, 18)]),
    ('2021年,临平新城规上工业总产值和规上工业增加值分别同比增长12.5%和9.8%。',
     [('platform', '临平新城', (), 'zone', '城东智造大走廊', '临平区')],
     [('platform', '临平新城', '临平新城', 6, 10)]),
    ('萧山经开区内的启明光电今年上半年实现产值3.2亿元。',
     [('platform', '萧山经开区', (), 'zone', '城东智造大走廊', '萧山区'), ('enterprise', '启明光电', (), None, None, None)],
     [('platform', '萧山经开区', '萧山经开区', 0, 5), ('enterprise', '启明光电', '启明光电', 7, 11)]),
    ('青山湖科技城管委会商务局负责人说,产业格局正在改变,全局向好。',
     [('institution', '青山湖科技城管委会商务局', (), None, None, None), ('platform', '青山湖科技城', (), 'zone', '城西科创大走廊', '临安区')],
     [('institution', '青山湖科技城管委会商务局', '青山湖科技城管委会商务局', 0, 12), ('platform', '青山湖科技城', '青山湖科技城', 0, 6)]),
    ('杭州市经信局表示,星河公司今年产值增长20%。',
     [('institution', '杭州市经信局', (), None, None, None), ('enterprise', '星河公司', (), None, None, None)],
     [('institution', '杭州市经信局', '杭州市经信局', 0, 6), ('enterprise', '星河公司', '星河公司', 9, 13)]),
    ('这家公司是上市公司的子公司。',
     [],
     []),
]


@pytest.mark.parametrize("text, entities, mentions", CASES, ids=[c[0][:14] for c in CASES])
def test_entities_and_mentions(text, entities, mentions):
    result = extract(text, PUBLISHED)
    assert [(e.kind, e.name, e.aliases, e.platform_kind, e.parent, e.district) for e in result.entities] == entities
    assert [(m.kind, m.name, m.surface, m.start, m.end) for m in result.mentions] == mentions


@pytest.mark.parametrize("text, investment, status, enterprise, platform", [
    ("总投资约20亿元的云帆智能终端生产基地项目已正式投产。", 2000000000, "operating", "云帆智能", None),
    ("星河半导体二期项目正式签约落户萧山经开区。", None, "signed", "星河半导体", "萧山经开区"),
    ("萧山经开区新招引的海岚精密仪器产业化基地项目正加紧建设。", None, "under_construction", None, "萧山经开区"),
])
def test_project_attributes(text, investment, status, enterprise, platform):
    project = next(e for e in extract(text, PUBLISHED).entities if e.kind == "project")
    assert (project.investment_yuan, project.status, project.enterprise, project.platform) == (
        investment, status, enterprise, platform)


@pytest.mark.parametrize("text", [
    "推动园区企业数字化改造,建设三大产业园。",
    "聚焦人工智能、集成电路、生物医药等产业。",
    "公司成立于2015年,员工平均年龄28岁。",
    "临安区今年工业投资增长10%。",
])
def test_common_nouns_and_regions_are_not_entities(text):
    assert extract(text, PUBLISHED).entities == []


def test_mention_surfaces_are_spans_of_the_text():
    text = "杭州未來科技城與杭州云帆智能科技股份有限公司簽約,云帆智能將落戶未来科技城。"
    for m in extract(text, PUBLISHED).mentions:
        assert text[m.start:m.end] == m.surface


@pytest.mark.parametrize("text, expected", [
    # a registered company name opening a project's name: both are named in full
    ("4月26日，嘉兴云岭储能科技有限公司年产20GWh储能电池项目正式签约。",
     {("project", "嘉兴云岭储能科技有限公司年产20GWh储能电池项目"), ("enterprise", "嘉兴云岭储能科技有限公司")}),
    ("总投资60亿元的杭州远帆生物科技有限公司抗体药物产业化项目落户。",
     {("project", "杭州远帆生物科技有限公司抗体药物产业化项目"), ("enterprise", "杭州远帆生物科技有限公司")}),
    ("浙江青禾生物医药有限公司创新药生产基地项目建设正酣。",
     {("project", "浙江青禾生物医药有限公司创新药生产基地项目"), ("enterprise", "浙江青禾生物医药有限公司")}),
])
def test_company_opening_a_project_name_is_named_in_full(text, expected):
    found = {(e.kind, e.name) for e in extract(text, PUBLISHED).entities}
    assert expected <= found
    assert not any(kind == "enterprise" and name not in {n for k, n in expected} for kind, name in found)


@pytest.mark.parametrize("text, name", [
    ("杭州鹭岛临空经济示范区加快建设。", "杭州鹭岛临空经济示范区"),
    ("白鹭未来智造城今年新增企业30家。", "白鹭未来智造城"),
    ("青蓝湾产业集聚区完成投资12亿元。", "青蓝湾产业集聚区"),
    ("杭州东湾综合保税区进出口总额增长12%。", "杭州东湾综合保税区"),
])
def test_zones_named_with_a_descriptive_suffix(text, name):
    assert [(e.kind, e.name) for e in extract(text, PUBLISHED).entities] == [("platform", name)]


@pytest.mark.parametrize("text", ["园区打造先进装备制造集聚区。", "建设科技产业示范区。", "工业上楼这一未来城正在成形。",
                                  "围绕长三角智能制造产业示范区定位。", "到2027年，力争小镇涉云产值突破1000亿元。",
                                  "东湖获评浙江省级特色小镇。"])
def test_descriptions_ending_like_zones_are_not_platforms(text):
    assert [e for e in extract(text, PUBLISHED).entities if e.kind == "platform"] == []


@pytest.mark.parametrize("text", ["小镇新增浙江省企业研究院4家。", "东湖小镇与浙江大学共建金融科技实验室。",
                                  "其中私募证券基金管理规模4900亿元，私募股权基金管理规模3600亿元。"])
def test_clauses_and_classes_are_not_institutions_or_funds(text):
    found = [(e.kind, e.name) for e in extract(text, PUBLISHED).entities if e.kind in ("institution", "enterprise")]
    assert [n for k, n in found if "新增" in n or "共建" in n or n.endswith("股权基金")] == []


def test_an_honour_with_a_grade_is_not_a_platform():
    text = "东湖小镇入选浙江省5A级特色小镇。"
    assert [e.name for e in extract(text, PUBLISHED).entities if e.kind == "platform"] == ["东湖小镇"]


@pytest.mark.parametrize("text, kind, name", [
    ("其中，龙头企业杭州东岸智能科技股份有限公司上半年营收增长20%。", "enterprise", "杭州东岸智能科技股份有限公司"),
    ("一季度杭州芯屹微电子有限公司进出口额增长15%。", "enterprise", "杭州芯屹微电子有限公司"),
    ("萧山科技城增速最快，而东湖智慧小镇和西湖智造小镇紧随其后。", "platform", "东湖智慧小镇"),
    ("临平区东湖艺尚小镇今年新引进企业20家。", "platform", "东湖艺尚小镇"),
])
def test_clause_words_and_the_district_are_not_part_of_a_name(text, kind, name):
    assert name in [e.name for e in extract(text, PUBLISHED).entities if e.kind == kind]


@pytest.mark.parametrize("text", ["请他谈谈新城去年的成绩单。", "开发区已累计建成投用孵化器、众创空间等创新载体。",
                                  "抄送：区发展和改革局，区统计局。", "开发区管委会相关负责人表示。"])
def test_verbs_and_departments_of_no_one_are_not_entities(text):
    assert [e.name for e in extract(text, PUBLISHED).entities] == []


def test_a_name_whose_word_ends_in_a_stop_character_is_still_a_name():
    text = "新年伊始，余杭区仁和先进制造业基地捷报频传。"
    assert [(e.kind, e.name) for e in extract(text, PUBLISHED).entities] == [("platform", "仁和先进制造业基地")]


def test_kinds_of_company_counted_after_a_list_are_not_companies():
    text = "东湖电竞产业园目前已入驻电竞俱乐部、赛事运营、直播平台等企业52家。"
    assert [e.name for e in extract(text, PUBLISHED).entities if e.kind == "enterprise"] == []


def test_an_industry_word_tagged_a_verb_stays_in_a_platform_name():
    assert [(e.kind, e.name) for e in extract("这里是桐庐智慧安防小镇。", PUBLISHED).entities] == [
        ("platform", "桐庐智慧安防小镇")]


@pytest.mark.parametrize("text", ["不少团队来自实验室，创业者从实验室到公司只用了一年。", "这家企业如今已是公司。",
                                  "产业园承载新项目12个。", "产业基金带来项目8个。"])
def test_clauses_ending_on_a_suffix_are_not_names(text):
    assert [e.name for e in extract(text, PUBLISHED).entities if e.kind in ("enterprise", "project", "institution")] == []


def test_zones_of_different_places_are_different_entities():
    text = "桐庐经济开发区、淳安经济开发区和建德经济开发区合计实现产值1186.7亿元。"
    assert sorted(e.name for e in extract(text, PUBLISHED).entities) == ["建德经济开发区", "桐庐经济开发区", "淳安经济开发区"]


@pytest.mark.parametrize("text", ["这里正成长为一座现代化科创新城。", "打造未来产业新城。"])
def test_described_new_town_is_not_a_platform(text):
    assert not [e for e in extract(text, PUBLISHED).entities if e.name.endswith("新城")]


@pytest.mark.parametrize("text, project", [
    ("总投资52亿元的杭州云川动力系统有限公司年产60万套电驱动系统项目开工。", "杭州云川动力系统有限公司年产60万套电驱动系统项目"),
    ("浙江青川环保装备有限公司年产10万吨再生资源综合利用项目进入安装阶段。", "浙江青川环保装备有限公司年产10万吨再生资源综合利用项目"),
    ("杭州云芯微电子有限公司年产36万片12英寸特色工艺晶圆项目签约落户。", "杭州云芯微电子有限公司年产36万片12英寸特色工艺晶圆项目"),
    ("总投资85亿元的浙江云芯半导体有限公司12英寸功率器件生产线项目正式开工。", "浙江云芯半导体有限公司12英寸功率器件生产线项目"),
])
def test_capacity_inside_a_project_name(text, project):
    x = extract(text, PUBLISHED)
    assert ("project", project) in {(e.kind, e.name) for e in x.entities}
    assert not [f for f in x.facts if f.unit.startswith("万") and f.unit != "万元"]


@pytest.mark.parametrize("text, name", [
    ("位于医药港核心区的杭州生命科学产业园，已入驻药企两百多个。", "杭州生命科学产业园"),
    ("新城内的临江人才创新园已有入驻企业87家。", "临江人才创新园"),
])
def test_park_named_for_what_it_does(text, name):
    assert ("platform", name) in {(e.kind, e.name) for e in extract(text, PUBLISHED).entities}


def test_verb_before_a_park_suffix_alone_is_no_name():
    assert extract("要加快建设产业园，推进创新园建设。", PUBLISHED).entities == []


@pytest.mark.parametrize("text, full, short", [
    ("湖州青禾机械股份有限公司开工。青禾机械去年实现营收21.4亿元。", "湖州青禾机械股份有限公司", "青禾机械"),
    ("嘉兴云岭精密电子有限公司增资扩产，云岭精密计划再投资5亿元。", "嘉兴云岭精密电子有限公司", "云岭精密"),
])
def test_short_name_of_a_company_outside_hangzhou(text, full, short):
    x = extract(text, PUBLISHED)
    assert [(e.name, short in e.aliases) for e in x.entities if e.kind == "enterprise"] == [(full, True)]


@pytest.mark.parametrize("text, names", [
    ("岁末年初，富阳经济技术开发区各大园区项目工地一片繁忙。", {"富阳经济技术开发区"}),
    ("湖州莫干山高新区：绿色智造\n\n记者从湖州莫干山高新技术产业开发区（莫干山高新区）获悉。", {"湖州莫干山高新技术产业开发区"}),
])
def test_classes_and_city_prefixed_forms(text, names):
    assert {e.name for e in extract(text, PUBLISHED).entities} == names


@pytest.mark.parametrize("text", [
    "高新区与浙江大学共建的研究院已孵化企业40余家。",
    "新城与浙江工业大学共建的智能制造研究院已累计孵化科技型企业30多家。",
])
def test_partners_joined_by_yu_are_not_one_institution(text):
    assert not [e.name for e in extract(text, PUBLISHED).entities if "与" in e.name]


@pytest.mark.parametrize("text, enterprises", [
    ("湖州青禾机械股份有限公司总投资38亿元的智能农机装备产业基地项目开工。", {"湖州青禾机械股份有限公司"}),
    ("星河半导体二期项目开工。", {"星河半导体"}),
])
def test_project_head_is_a_company_only_when_it_does_not_open_with_an_industry(text, enterprises):
    assert {e.name for e in extract(text, PUBLISHED).entities if e.kind == "enterprise"} == enterprises


@pytest.mark.parametrize("text, projects", [
    ("宁川启明汽车零部件有限公司（简称“启明汽配”）一体化压铸项目在新区开工。", {"一体化压铸项目"}),
    ("宁川锂源材料有限公司（以下简称“锂源材料”）年产5万吨正极材料项目于6月开工。", {"年产5万吨正极材料项目"}),
    ("宁川锂源材料有限公司（以下简称“锂源材料”）于6月开工建设新项目。", set()),     # a verb: no project name
])
def test_project_named_after_a_company_short_name(text, projects):
    assert {e.name for e in extract(text, PUBLISHED).entities if e.kind == "project"} == projects


@pytest.mark.parametrize("text, names", [
    # a registered name opens with its place, and 和 after it is part of the name
    ("建德和合新材料有限公司年产3万吨双氧水项目开工。", {"建德和合新材料有限公司", "建德和合新材料有限公司年产3万吨双氧水项目"}),
    # 泛半导体 is one industry word: the park is named for it
    ("开发区内的泛半导体产业园已集聚企业86家。", {"泛半导体产业园"}),
])
def test_place_then_he_in_a_company_name_and_pan_semiconductor(text, names):
    assert {e.name for e in extract(text, PUBLISHED).entities} == names


@pytest.mark.parametrize("text, names", [
    ("2022年，衢州智造新城实现规上工业产值1268.5亿元。", {"衢州智造新城"}),      # any city's name opens a new town's
    ("现代化科创新城建设加快。", set()),                                         # a description, no place
    ("新城内的宁川高新技术产业园区获评省级绿色低碳工业园区。", {"宁川高新技术产业园区"}),   # the title won is no platform
])
def test_new_town_of_any_city_and_a_title_is_not_a_platform(text, names):
    assert {e.name for e in extract(text, PUBLISHED).entities} == names


@pytest.mark.parametrize("text, names", [
    ("对话宁川经济开发区管委会主任：今年开发区签约项目12个。", {"宁川经济开发区", "宁川经济开发区管委会"}),
    ("专访宁川经济开发区负责人。", {"宁川经济开发区"}),
])
def test_interview_verbs_do_not_open_a_name(text, names):
    assert {e.name for e in extract(text, PUBLISHED).entities} == names


@pytest.mark.parametrize("text, projects", [
    ("宁川经济开发区绿色能源项目集中投产", set()),                               # a zone's projects of a kind
    ("宁川经济开发区星河光电二期项目开工。", {"宁川经济开发区星河光电二期项目"}),      # a name after the zone stays
])
def test_zone_then_industry_words_is_no_project_name(text, projects):
    assert {e.name for e in extract(text, PUBLISHED).entities if e.kind == "project"} == projects


@pytest.mark.parametrize("text, projects", [
    ("今年，宁川经开区新开工宁川康源水业有限公司饮用水项目。", {"宁川康源水业有限公司饮用水项目"}),
    ("宁川经开区开工宁川康源水业有限公司饮用水项目。", {"宁川康源水业有限公司饮用水项目"}),
])
def test_a_start_verb_does_not_open_a_project_name(text, projects):
    assert {e.name for e in extract(text, PUBLISHED).entities if e.kind == "project"} == projects
