"""The org chart is laid out from the content data and drawn as vector, for trees up to depth 4."""

from __future__ import annotations

import pytest
import yaml

from brochure.assets.orgchart import MAX_DEPTH, layout_orgchart
from brochure.build import build
from brochure.content.model import OrgNode
from conftest import pdf_text_pages, run_cli, squeeze


def tree(depth: int, fanout: int, prefix: str = "N") -> dict:
    node = {"name": prefix}
    if depth > 1:
        node["children"] = [tree(depth - 1, fanout, f"{prefix}{i}") for i in range(fanout)]
    return node


def test_org_chart_labels_appear_as_text(sample_build):
    text = squeeze("".join(pdf_text_pages(sample_build)))
    for label in ["デジタルサービス局組織図", "サンプル部A（部名は見本）", "サンプル部D（部名は見本）"]:
        assert squeeze(label) in text


def test_org_chart_is_vector_not_an_image(sample_build):
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    assert "組織図" in pdf_text_pages(sample_build)[3]
    pdf = pdfium.PdfDocument(str(sample_build))
    page = pdf[3]  # organisation
    kinds = [obj.type for obj in page.get_objects(max_depth=5)]
    assert pdfium_c.FPDF_PAGEOBJ_IMAGE not in kinds  # boxes are text, lines are paths
    assert kinds.count(pdfium_c.FPDF_PAGEOBJ_PATH) >= 5


def test_layout_keeps_boxes_apart_and_inside_for_20_nodes_depth_4():
    root = OrgNode.model_validate({"name": "局", "children": [
        {"name": f"部{i}", "children": [{"name": f"課{i}{j}", "children": [{"name": f"係{i}{j}"}]}
                                        for j in range(2)]} for i in range(3)] + [{"name": "室"}]})
    chart = layout_orgchart(root)
    assert len(chart.nodes) == 1 + 4 + 6 + 6
    for n in chart.nodes:
        assert 0 <= n.x and n.x + n.width <= chart.width + 1e-6 <= 175.0 + 1e-6
        assert 0 <= n.y and n.y + n.height <= chart.height + 1e-6
    boxes = sorted(((n.x, n.y, n.x + n.width, n.y + n.height) for n in chart.nodes))
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            overlap = a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]
            assert not overlap, (a, b)
    assert chart.font_size_pt >= 6.5  # legible at print size


def test_too_deep_a_tree_is_refused():
    with pytest.raises(ValueError, match="levels"):
        layout_orgchart(OrgNode.model_validate(tree(MAX_DEPTH + 1, 1)))


def test_a_three_level_tree_renders(content_copy, tmp_path):
    org = content_copy / "sections" / "organisation.yaml"
    data = yaml.safe_load(org.read_text(encoding="utf-8"))
    data["chart"] = {"name": "デジタルサービス局", "children": [
        {"name": "総務部", "children": [{"name": "総務課"}, {"name": "企画課"}]},
        {"name": "戦略部", "children": [{"name": "戦略課"}]},
    ]}
    org.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    [result] = build(content_copy, tmp_path / "out")
    text = squeeze(pdf_text_pages(result.path)[3])
    for name in ["総務部", "総務課", "企画課", "戦略部", "戦略課"]:
        assert name in text
