namespace TradingOps.Web;

/// <summary>Texts of the duty wall's own parts: the alert strip over every panel, page indicators, new alerts (Resources/WallResource*.resx).</summary>
public sealed class WallResource;
