namespace TradingOps.Web;

/// <summary>Texts of 设备与接口健康看板 (issue 21; Resources/HealthResource*.resx).</summary>
public sealed class HealthResource;
