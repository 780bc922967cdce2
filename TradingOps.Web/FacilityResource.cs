namespace TradingOps.Web;

/// <summary>Texts of 设施设备、巡检与故障 (issue 21; Resources/FacilityResource*.resx).</summary>
public sealed class FacilityResource;
