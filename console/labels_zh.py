"""Chinese names of the codes the router writes (audit actions, notification purposes and states);
an unknown code is shown as it is, so a new router action still appears."""

from __future__ import annotations

import re

ACTIONS = {
    "created": "立案", "silenced": "静默", "status": "状态变更", "alerted": "已预警", "receipt": "签收（会办/抄送）",
    "transferred": "转办", "assisting_set": "设定会办", "grade_changed": "调整分级",
    "inhibited": "抑制（已有更高分级）",
    "lower_grade_suggested": "研判建议降级", "clocks_cancelled": "时限取消", "clock_met": "时限完成",
    "clock_reminded": "时限提醒", "clock_breached": "时限超时", "undeliverable": "通知无法送达",
    "approved": "审定与报送", "flagged": "标记特殊情形", "unflagged": "撤销标记", "disclosed": "对外披露",
    "clock_uncovered": "时限按周末计算（节假日安排未载入）", "clock_recounted": "时限按新日历重算",
    "incident_joined": "归入舆情事件", "incident_responded": "事件已有官方回应", "incident_quiet": "事件趋于平息",
}
DETAIL_KEYS = {
    "grade": "分级", "department": "部门", "note": "说明", "reason": "理由", "summary": "评估总结",
    "assessment": "评估意见", "from": "原", "to": "新", "clocks_met": "完成时限", "clocks_cancelled": "取消时限",
    "clocks_opened": "新开时限", "clock": "时限", "clocks": "时限", "escalated_to": "升级至", "reasons": "理由",
    "model": "模型", "until": "至", "by": "设定人", "channel": "渠道", "error": "原因", "attempts": "尝试次数",
    "why": "依据", "how": "方式", "owner": "责任单位", "what": "事项", "verb": "环节", "name": "情形",
    "sent_to": "报送", "participants": "参加部门", "requires": "须办环节", "disclosure_kind": "方式",
    "caliber_label": "所引口径", "content": "披露要点", "media": "媒体或对象", "figures": "数据",
}
# The console's own audit log (accounts, exports, labels, models).
CONSOLE_ACTIONS = {
    "login": "登录", "logout": "退出", "login_failed": "登录失败", "login_throttled": "登录被限制",
    "user_created": "新增账号", "user_enabled": "启用账号", "user_disabled": "停用账号", "password_set": "设置密码",
    "password_changed": "修改密码", "password_reset": "重置密码", "access_denied": "越权访问被拒",
    "case_viewed": "查看案件", "cases_exported": "导出案件", "labelled": "标注", "labels_exported": "导出标注",
    "report_saved": "保存报告", "report_exported": "导出报告", "model_promote": "启用模型",
    "model_promoted": "启用模型", "model_rollback": "回滚模型", "model_retired": "停用模型",
}
CHANNELS = {"email": "电子邮件", "sms": "短信", "webhook": "网络回调", "wecom": "企业微信", "dingtalk": "钉钉",
            "feishu": "飞书", "none": "无"}
PURPOSES = {
    "alert": "预警", "assist": "会办", "copy": "抄送", "regrade": "调级", "remind": "提醒", "transfer": "转办",
    "unacknowledged": "未签收升级", "breach": "超时升级", "undeliverable": "送达失败", "flag": "特殊情形",
    "submit": "报送",
}
NOTIFICATION_STATES = {"pending": "待发送", "sent": "已发送", "undeliverable": "无法送达", "suppressed": "已抑制"}
CLOCK_STATES = {"running": "计时中", "met": "已按时完成", "breached": "已超时", "cancelled": "已取消"}

ROLE_KEYS = {"role": "角色", "department": "部门", "format": "格式", "rows": "行数", "kind": "报告类型",
             "method": "方式", "reason": "原因", "head": "标注项", "status": "状态", "q": "搜索", "grade": "分级",
             "topic": "主题", "period": "时间范围", "page": "页码", "date_from": "起始日期", "date_to": "截止日期",
             "region": "地区", "source_kind": "来源类型", "negativity": "负面", "relevance": "相关"}

_DURATION = re.compile(r"(?<![A-Za-z0-9])(\d+)\s*(wd|m|h|d)(?![A-Za-z])")
_UNITS = {"m": "分钟", "h": "小时", "d": "天", "wd": "个工作日"}


def clock_text(text: str) -> str:
    """Durations written the profile's way (``30m``, ``8h``, ``2wd``) in Chinese (``30分钟``)."""
    return _DURATION.sub(lambda m: f"{m.group(1)}{_UNITS[m.group(2)]}", text) if text else text


def unknown(code: str) -> str:
    """A code with no name yet: shown as words, never as an identifier."""
    return "其他操作" if re.fullmatch(r"[a-z_]+", code or "") else (code or "")


_DELIVERY = (
    (re.compile(r"收件人被拒"), "收件人被邮件服务器拒收"),
    (re.compile(r"SMTP 认证失败"), "邮件服务器认证失败，请检查发信账号与密码"),
    (re.compile(r"SMTP (\d{3})"), "邮件服务器拒绝（代码 {0}）"),
    (re.compile(r"ConnectionRefused|Connection refused"), "无法连接服务器（连接被拒绝）"),
    (re.compile(r"timed? ?out|Timeout|超时", re.IGNORECASE), "连接超时"),
    (re.compile(r"gaierror|Name or service not known|nodename", re.IGNORECASE), "服务器地址无法解析"),
    (re.compile(r"SSL|TLS|certificate", re.IGNORECASE), "加密连接失败（证书或 TLS 设置）"),
    (re.compile(r"SMTP 失败|SMTP"), "邮件发送失败"),
    (re.compile(r"HTTP (\d{3})"), "对方服务器返回错误（HTTP {0}）"),
    (re.compile(r"连接失败"), "无法连接服务器"),
)
_CJK = re.compile(r"[\u3400-\u9fff]")


def delivery_error(text: str, fallback: str = "发送失败") -> str:
    """A channel's (or a fetch's) failure in Chinese: SMTP and socket errors arrive in English."""
    if not text:
        return ""
    for pattern, phrase in _DELIVERY:
        found = pattern.search(text)
        if found:
            return phrase.format(*found.groups())
    return _chinese_part(text) or fallback


def _chinese_part(text: str) -> str:
    """The Chinese head of a bilingual message ("模型文件缺失: x (model file missing…)"), or ""."""
    head = re.split(r" \(|（see|\(see", text, maxsplit=1)[0].strip()
    if not _CJK.search(head) or re.search(r"[A-Za-z]{4,}Error|[a-z]{3,} [a-z]{3,} [a-z]{3,}", head):
        return ""
    return head


_MODEL_ERRORS = (
    ("invalid model version", "模型版本名称无效"),
    ("already exists", "该模型版本已存在"),
    ("unknown analyzer", "模型使用了本版本不认识的分词方式，请重新训练"),
    ("model format", "模型格式与本版本不符，请重新训练"),
    ("older marking", "模型格式过旧，请重新训练"),
    ("no version or files", "模型卡不完整（缺少版本或文件清单）"),
    ("does not list", "模型卡不完整（未列出全部文件）"),
    ("disagree in shape", "模型文件已损坏（各部分尺寸不一致），请恢复或重新训练"),
    ("points outside", "模型文件已损坏，请恢复或重新训练"),
    ("invalid calibration", "模型文件已损坏（校准参数无效），请恢复或重新训练"),
)


def model_error(text: str) -> str:
    """A model registry refusal in Chinese (the registry writes for the command line too)."""
    for needle, phrase in _MODEL_ERRORS:
        if needle in text:
            return phrase
    return _chinese_part(text) or "模型操作失败，请查看服务日志"


_LABEL_ERRORS = (
    ("must be 1/0", "标注只能是 是/否（负面/非负面、相关/不相关）"),
    ("is not a base topic", "所选主题不是基础主题之一"),
    ("empty label", "标注不能为空"),
)


def label_error(text: str) -> str:
    for needle, phrase in _LABEL_ERRORS:
        if needle in text:
            return phrase
    return _chinese_part(text) or "标注内容不正确"


def audit_detail(detail: dict | None, dept) -> str:  # type: ignore[no-untyped-def]
    """A console audit line's detail as words (``角色：管理员；部门：住房和城乡建设局``)."""
    from console.roles import ROLE_NAMES

    parts = []
    for key, value in (detail or {}).items():
        if value in (None, "", [], {}):
            continue
        if key == "role":
            text = ROLE_NAMES.get(str(value), str(value))
        elif key == "department":
            text = dept(str(value))
        elif isinstance(value, dict):
            text = "、".join(f"{ROLE_KEYS.get(k, k)}={v}" for k, v in value.items())
        elif isinstance(value, list | tuple):
            text = "、".join(str(v) for v in value)
        else:
            text = str(value)
        parts.append(f"{ROLE_KEYS.get(key, key)}：{text}")
    return "；".join(parts)


def audit_target(target: str) -> str:
    """``case:12`` → ``案件 #12``, ``draft:3`` → ``报告草稿 #3``; other targets as they are."""
    kind, _, rest = (target or "").partition(":")
    names = {"case": "案件", "draft": "报告草稿"}
    if kind in names and rest.isdigit():
        return f"{names[kind]} #{rest}"
    return target


LABEL_VALUES = {"negativity": {"1": "负面", "0": "非负面"}, "relevance": {"1": "相关", "0": "不相关"}}
LABEL_SOURCES = {"console": "控制台"}


def label_value(head: str, label: str) -> str:
    return LABEL_VALUES.get(head, {}).get(str(label), str(label))
