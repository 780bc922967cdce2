namespace TradingOps.Web;

/// <summary>Texts of the statistics and satisfaction screens and the public disclosure (Resources/StatisticsResource*.resx).</summary>
public sealed class StatisticsResource;
