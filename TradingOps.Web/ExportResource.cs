namespace TradingOps.Web;

/// <summary>Texts of the detail-export panel on the reports page (Resources/ExportResource*.resx).</summary>
public sealed class ExportResource;
