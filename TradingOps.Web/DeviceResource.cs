namespace TradingOps.Web;

/// <summary>Texts of paired devices: the pairing screen, the admin page, device messages (Resources/DeviceResource*.resx).</summary>
public sealed class DeviceResource;
