namespace TradingOps.Web;

/// <summary>Texts of project archives (一项一档): contents, completeness, access, export, retention (Resources/ArchiveResource*.resx).</summary>
public sealed class ArchiveResource;
