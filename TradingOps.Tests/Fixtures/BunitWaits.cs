using System.Runtime.CompilerServices;

namespace TradingOps.Tests.Fixtures;

/// <summary>
/// bUnit's WaitFor… calls wait 1 second by default: enough on an idle machine, not on a 2-core CI box running the
/// suite in parallel (a live re-read that takes 1.2 s failed a test that was right). They return as soon as the
/// assertion holds, so a longer ceiling costs nothing when the page is quick.
/// </summary>
internal static class BunitWaits
{
    [ModuleInitializer]
    internal static void LongerDefaultWait() => Bunit.BunitContext.DefaultWaitTimeout = TimeSpan.FromSeconds(5);
}
