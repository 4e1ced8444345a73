"""Roles of the console and what each may do. Case visibility is not here but in :mod:`console.access`."""

from __future__ import annotations

from dataclasses import dataclass

DESK, HANDLER, ANALYST, LEADER, ADMIN = "desk", "handler", "analyst", "leader", "admin"
ROLE_NAMES: dict[str, str] = {
    DESK: "监测员",
    HANDLER: "部门处置人",
    ANALYST: "分析员",
    LEADER: "领导",
    ADMIN: "管理员",
}

# Permissions by role. Case actions are further limited by what the case allows (CaseService).
PERMISSIONS: dict[str, frozenset[str]] = {
    DESK: frozenset({"cases.read", "cases.act", "cases.route", "cases.grade", "cases.evaluate", "reports",
                     "overview", "cases.export", "cases.approve"}),
    HANDLER: frozenset({"cases.read", "cases.act", "cases.route", "reports", "cases.export"}),
    ANALYST: frozenset({"cases.read", "overview", "labels", "models"}),
    LEADER: frozenset({"cases.read", "cases.evaluate", "reports", "overview", "cases.export", "cases.approve"}),
    ADMIN: frozenset({"cases.read", "cases.act", "cases.route", "cases.grade", "cases.evaluate", "reports",
                      "overview", "cases.export", "labels", "models", "users", "cases.approve"}),
}
PERMISSION_NAMES: dict[str, str] = {
    "cases.read": "查看案件", "cases.act": "签收与处置", "cases.route": "转办与会办", "cases.grade": "调整分级",
    "cases.evaluate": "评估", "cases.approve": "审定回应", "reports": "报告", "overview": "总览",
    "cases.export": "导出案件", "labels": "标注", "models": "模型管理", "users": "账号管理",
}


def role_key(text: str) -> str | None:
    """A role from its key (``desk``) or its Chinese name (``监测员``)."""
    value = text.strip()
    if value in ROLE_NAMES:
        return value
    return next((k for k, v in ROLE_NAMES.items() if v == value), None)


@dataclass(frozen=True, slots=True)
class Principal:
    """The person behind a request, as the session found them."""

    user_id: int
    username: str
    display_name: str
    role: str
    department_id: str | None
    session_id: str
    csrf_token: str

    @property
    def role_name(self) -> str:
        return ROLE_NAMES.get(self.role, self.role)

    @property
    def actor(self) -> str:
        """How the person is named in the case audit log (the column holds 128 characters)."""
        suffix = f"（{self.username}，{self.role_name}）"
        return self.display_name[:128 - len(suffix)] + suffix

    def can(self, permission: str) -> bool:
        return permission in PERMISSIONS.get(self.role, frozenset())
