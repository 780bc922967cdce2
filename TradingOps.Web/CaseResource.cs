namespace TradingOps.Web;

/// <summary>Texts of objections, complaints and reports, the public channels and the board of everything due (Resources/CaseResource*.resx).</summary>
public sealed class CaseResource;
