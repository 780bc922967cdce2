namespace TradingOps.Web;

/// <summary>Texts of the venue desk: schedule grids, booking changes, outages and proposals, requests, discipline, outbox (Resources/VenueResource*.resx).</summary>
public sealed class VenueResource;
