using System.Resources;

[assembly: NeutralResourcesLanguage("zh-CN")]

namespace TradingOps.Web;

/// <summary>Marker for the UI strings: Resources/SharedResource.resx (Chinese, the default) and .en.resx.</summary>
public sealed class SharedResource;
