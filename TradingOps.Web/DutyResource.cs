namespace TradingOps.Web;

/// <summary>Texts of 值班表与运维告警 (issue 21; Resources/DutyResource*.resx).</summary>
public sealed class DutyResource;
