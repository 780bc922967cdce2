namespace TradingOps.Web;

/// <summary>Marker for the registration desk's UI strings: Resources/RegistrationResource.resx (Chinese) and .en.resx.</summary>
public sealed class RegistrationResource;
