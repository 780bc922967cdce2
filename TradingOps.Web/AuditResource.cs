namespace TradingOps.Web;

/// <summary>
/// Texts of the audit trail (Resources/AuditResource*.resx): the names of the audited entity types (Entity.*) and of their
/// fields (Field.*), so the trail reads like a ledger, on the page and in its export.
/// </summary>
public sealed class AuditResource;
