using Microsoft.Extensions.Localization;
using TradingOps.Core.Auditing;

namespace TradingOps.Web.Admin;

/// <summary>
/// How the audit trail names things, on the page and in its export alike: actions (新增/修改/删除/查看/导出/登录…), entity
/// types (RoomBooking → 场地预约) and fields (Status → 状态) from the resources, the type's or field's own name where no text
/// is known yet.
/// </summary>
public sealed class AuditText(IStringLocalizer<AuditResource> audit, IStringLocalizer<SharedResource> shared)
{
    public string Action(AuditAction action) => shared[$"AuditAction.{action}"];

    public string Entity(string entity) => Known(audit[$"Entity.{entity}"], entity);

    public string Field(string field) => Known(audit[$"Field.{field}"], field);

    public string this[string key] => audit[key];

    public string this[string key, params object[] args] => audit[key, args];

    private static string Known(LocalizedString text, string fallback) => text.ResourceNotFound ? fallback : text.Value;
}
