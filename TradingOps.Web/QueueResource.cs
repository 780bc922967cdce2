namespace TradingOps.Web;

/// <summary>Texts of the queue, hall display and 好差评 screens (Resources/QueueResource*.resx).</summary>
public sealed class QueueResource;
