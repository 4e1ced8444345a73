"""Chinese names of the codes the router writes (audit actions, notification purposes and states);
an unknown code is shown as it is, so a new router action still appears."""

from __future__ import annotations

ACTIONS = {
    "created": "立案", "silenced": "静默", "status": "状态变更", "alerted": "已预警", "receipt": "签收（会办/抄送）",
    "transferred": "转办", "assisting_set": "设定会办", "grade_changed": "调整分级",
    "inhibited": "抑制（已有更高分级）",
    "lower_grade_suggested": "研判建议降级", "clocks_cancelled": "时限取消", "clock_met": "时限完成",
    "clock_reminded": "时限提醒", "clock_breached": "时限超时", "undeliverable": "通知无法送达",
}
DETAIL_KEYS = {
    "grade": "分级", "department": "部门", "note": "说明", "reason": "理由", "summary": "评估总结",
    "assessment": "评估意见", "from": "原", "to": "新", "clocks_met": "完成时限", "clocks_cancelled": "取消时限",
    "clocks_opened": "新开时限", "clock": "时限", "clocks": "时限", "escalated_to": "升级至", "reasons": "理由",
    "model": "模型", "until": "至", "by": "设定人",
}
PURPOSES = {
    "alert": "预警", "assist": "会办", "copy": "抄送", "regrade": "调级", "remind": "提醒", "transfer": "转办",
    "unacknowledged": "未签收升级", "breach": "超时升级", "undeliverable": "送达失败",
}
NOTIFICATION_STATES = {"pending": "待发送", "sent": "已发送", "undeliverable": "无法送达", "suppressed": "已抑制"}
CLOCK_STATES = {"running": "计时中", "met": "已按时完成", "breached": "已超时", "cancelled": "已取消"}
