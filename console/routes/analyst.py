"""Analysts: the labelling queue, the labelled-case library with export, the models page."""

from __future__ import annotations

import csv
import io
import json
from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response

from classifier.labels import FIELDS, HEADS, LabelError
from classifier.model import ModelError
from console import access, audit, labelling, labels_zh, models
from console.exports import cell
from console.roles import Principal
from console.web import Posted, WebError, checked, client_ip, console, posted, principal, redirect, render
from core.taxonomy import BASE_TOPICS

router = APIRouter()
Form = Annotated[Posted, Depends(posted)]
Who = Annotated[Principal, Depends(principal)]
HEAD_NAMES = {"negativity": "负面", "relevance": "相关", "topic": "主题", "grade": "分级"}
PAGE = 20


def _int(value: str | None, default: int, top: int) -> int:
    try:
        number = int(value or default)
    except ValueError as exc:
        raise WebError(400, "页码须为数字") from exc
    if not 0 <= number <= top:
        raise WebError(400, "页码超出范围")
    return number


@router.get("/labels")
def label_queue(request: Request, who: Who) -> Response:
    access.require(who, "labels", "标注")
    app = console(request)
    offset = _int(request.query_params.get("offset"), 0, 1_000_000)
    with app.store.sessions() as session:
        items, total = labelling.queue(session, who, app.profile.name, PAGE, offset)
    return render(request, "labels.html", who, items=items, total=total, offset=offset, page=PAGE,
                  topics=BASE_TOPICS, grades=app.profile.grades)


@router.post("/labels/{item_id}")
def label_save(request: Request, item_id: str, who: Who, data: Form) -> Response:
    access.require(who, "labels", "标注")
    values = checked(request, who, data)
    app = console(request)
    labels = {head: values[head] for head in HEADS if values.get(head, "").strip()}
    if not labels:
        raise WebError(400, "未选择任何标注，未作修改")
    if "grade" in labels and labels["grade"] not in app.profile.grades:
        raise WebError(400, f"“{labels['grade'][:20]}”不是本策略的分级")
    try:
        with app.store.sessions() as session, session.begin():
            written = labelling.save_labels(session, item_id[:64], labels, app.profile.name, who.username)
            audit.record(session, who.username, "labelled", item_id[:64], labels, client_ip(request))
    except LabelError as exc:
        raise WebError(400, f"标注未保存：{labels_zh.label_error(str(exc))}") from exc
    return redirect(f"/labels?offset={_int(values.get('offset'), 0, 1_000_000)}", flash=f"已保存 {written} 项标注")


@router.get("/labels/library")
def label_library(request: Request, who: Who) -> Response:
    access.require(who, "labels", "查看标注库")
    app = console(request)
    head = request.query_params.get("head", "")
    if head and head not in HEADS:
        raise WebError(400, "没有这一标注项")
    offset = _int(request.query_params.get("offset"), 0, 10_000_000)
    with app.store.sessions() as session:
        rows, total, counts = labelling.library(session, head or None, 100, offset)
    return render(request, "label_library.html", who, rows=rows, total=total, counts=counts, head=head,
                  heads=HEAD_NAMES, offset=offset)


@router.get("/labels/export.{fmt}")
def label_export(request: Request, fmt: str, who: Who) -> Response:
    access.require(who, "labels", "导出标注")
    if fmt not in ("csv", "jsonl"):
        raise WebError(404, "只能导出 CSV 或 JSONL")
    app = console(request)
    head = request.query_params.get("head", "")
    if head and head not in HEADS:
        raise WebError(400, "没有这一标注项")
    with app.store.sessions() as session, session.begin():
        rows, _, _ = labelling.library(session, head or None, 1_000_000, 0)
        audit.record(session, who.username, "labels_exported", fmt, {"head": head, "rows": len(rows)},
                     client_ip(request))
    records = [{f: getattr(r, f) for f in FIELDS} for r in reversed(rows)]
    if fmt == "jsonl":
        body = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records).encode()
        media = "application/x-ndjson"
    else:
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=FIELDS)
        writer.writeheader()
        writer.writerows({k: cell(v) for k, v in r.items()} for r in records)
        body, media = buffer.getvalue().encode("utf-8-sig"), "text/csv; charset=utf-8"
    return Response(body, media_type=media, headers={"Content-Disposition": f"attachment; filename=labels.{fmt}"})


@router.get("/models")
def models_page(request: Request, who: Who) -> Response:
    access.require(who, "models", "查看模型")
    app = console(request)
    rows, promoted = models.versions(app.models_dir)
    return render(request, "models.html", who, rows=rows, promoted=promoted, heads=HEAD_NAMES,
                  models_dir=str(app.models_dir or ""))


@router.get("/keywords")
def keywords_page(request: Request, who: Who) -> Response:
    """The office's keyword scheme (关键词方案), read-only: the office edits the file, `yuqing check` checks it."""
    access.require(who, "labels", "查看关键词方案")
    from core import keywords
    from core.errors import ConfigError

    path = console(request).settings.keywords
    scheme, error = None, None
    if path:
        try:
            scheme = keywords.load(path)
        except ConfigError as exc:
            error = str(exc)
    return render(request, "keywords.html", who, path=path, scheme=scheme, error=error,
                  queries=scheme.queries() if scheme else [])


@router.post("/models/{action}")
def models_action(request: Request, action: str, who: Who, data: Form) -> Response:
    access.require(who, "models", "切换模型")
    values = checked(request, who, data)
    app = console(request)
    if action not in ("promote", "rollback"):
        raise WebError(404, "没有这一操作")
    version = values.get("version", "")[:128]
    try:
        if action == "promote":
            models.promote(app.models_dir, version, who.username, app.store.settings)
            done = f"已启用模型 {version}"
        else:
            target = models.rollback(app.models_dir, who.username)
            done = f"已回滚到 {target or '内置默认模型'}"
    except ModelError as exc:
        raise WebError(409, f"未切换：{labels_zh.model_error(str(exc))}") from exc
    with app.store.sessions() as session, session.begin():
        audit.record(session, who.username, f"model_{action}", version, {}, client_ip(request))
    return redirect("/models", flash=done)
