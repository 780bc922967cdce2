namespace TradingOps.Web;

/// <summary>Texts of the live floor, board, wall, door plates and public occupancy (Resources/FloorResource*.resx).</summary>
public sealed class FloorResource;
