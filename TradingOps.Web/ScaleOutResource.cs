namespace TradingOps.Web;

/// <summary>Texts of scale-out and resilience: the database-unavailable page and the page error boundary (Resources/ScaleOutResource*.resx).</summary>
public sealed class ScaleOutResource;
